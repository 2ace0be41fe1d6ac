// `npm start`: the designer with its local AWS emulator. Installs the emulator's venv if needed,
// starts and seeds the emulator on 127.0.0.1, then serves the app; Ctrl+C stops everything.
import { spawn } from "node:child_process";
import { createConnection } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startEmulator } from "./emulator.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 4566);
const appPort = Number(process.env.DESIGNER_PORT ?? 5173);
const email = process.env.DEMO_EMAIL ?? "demo@example.com";
const password = process.env.DEMO_PASSWORD ?? "DesignerDemo1!";
const children = [];

function stopAll(code = 0) {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

function waitForPort(port, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ host: "127.0.0.1", port }, () => {
        socket.end();
        resolve();
      });
      socket.on("error", () => {
        socket.destroy();
        if (Date.now() > deadline)
          reject(new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs / 1000} s`));
        else setTimeout(attempt, 200);
      });
    };
    attempt();
  });
}

const env = { ...process.env, DEMO_EMAIL: email, DEMO_PASSWORD: password };
let emulator;
try {
  emulator = await startEmulator({ port: emulatorPort, env });
} catch (error) {
  console.error(`start: the emulator did not come up: ${error.message}`);
  process.exit(1);
}
children.push(emulator.child);
emulator.child.on("exit", (code) => {
  console.error(`emulator stopped (exit ${code}); stopping the designer`);
  stopAll(code ?? 1);
});

// vite.config.ts proxies /designer.config.json to the emulator named here.
const vite = spawn(
  join(root, "node_modules", ".bin", "vite"),
  [
    "--host",
    "127.0.0.1",
    "--port",
    String(appPort),
    "--strictPort",
    ...(process.env.CI ? [] : ["--open"]),
  ],
  { cwd: root, env: { ...env, DESIGNER_EMULATOR_URL: emulator.endpoint }, stdio: "inherit" },
);
children.push(vite);
vite.on("exit", (code) => stopAll(code ?? 0));
await waitForPort(appPort, 30_000).catch(() => undefined);
console.log(`
  Pipeline Designer   http://127.0.0.1:${appPort}
  Local AWS emulator  ${emulator.endpoint}  (moto; see emulator/README.md)
  Demo sign-in        ${email} / ${password}
  Ctrl+C stops everything.
`);
