// The designer's dev server: Vite on 127.0.0.1, then a browser where one can be opened
// (scripts/open-browser.mjs). `npm start` calls serveApp after the emulator is up;
// `npm run start:app` (this file run alone) serves the designer without the emulator.
import { spawn } from "node:child_process";
import { createConnection } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { openBrowser } from "./open-browser.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Resolves once something accepts connections on 127.0.0.1:`port`, or `false` after the timeout. */
export function waitForPort(port, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve) => {
    const attempt = () => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => {
        socket.destroy();
        if (Date.now() > deadline || (child && child.exitCode !== null)) resolve(false);
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

/**
 * Starts Vite (never with its own `--open`, which prints a stack trace where no opener exists)
 * and, once it listens, opens the browser where one can be opened and calls
 * `onReady(url, decision)` (decision: scripts/open-browser.mjs). Returns the child process.
 */
export function serveApp({ port, env = process.env, onReady = () => {} }) {
  const child = spawn(
    process.execPath,
    [
      join(root, "node_modules", "vite", "bin", "vite.js"),
      "--host",
      "127.0.0.1",
      "--port",
      String(port),
      "--strictPort",
    ],
    { cwd: root, env, stdio: "inherit" },
  );
  void waitForPort(port, 30_000, child).then((listening) => {
    if (!listening) return;
    const url = `http://127.0.0.1:${port}`;
    onReady(url, openBrowser(url, { env }));
  });
  return child;
}

/** The banner's line for a browser that was not opened, and why (empty when one was). */
export function browserLine(decision) {
  return decision.open ? "" : `\n  Browser             not opened (${decision.reason})`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.env.DESIGNER_PORT ?? 5173);
  const child = serveApp({
    port,
    onReady: (url, browser) =>
      console.log(`
  Pipeline Designer   ${url}  (without the emulator)${browserLine(browser)}
  Ctrl+C stops it.
`),
  });
  const stop = () => child.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  child.on("exit", (code) => process.exit(code ?? 0));
}
