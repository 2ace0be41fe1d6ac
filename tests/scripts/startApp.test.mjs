// `npm run start:app` on a machine without a desktop: the URL, why no browser opened, and never
// a stack trace (issue 14: Vite's --open printed `spawn xdg-open ENOENT` with one).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { it } from "node:test";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

it(
  "serves the app headless: prints the URL and says no browser opened, with no stack trace",
  { timeout: 60_000 },
  async () => {
    const port = await freePort();
    // A PATH with node and nothing else (no xdg-open), as npm gives the script: node_modules/.bin first.
    const bin = mkdtempSync(join(tmpdir(), "start-app-"));
    symlinkSync(process.execPath, join(bin, "node"));
    const env = {
      ...process.env,
      DESIGNER_PORT: String(port),
      PATH: [join(root, "node_modules", ".bin"), bin].join(delimiter),
    };
    for (const name of ["DISPLAY", "WAYLAND_DISPLAY", "BROWSER", "CI"]) delete env[name];
    const script = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).scripts[
      "start:app"
    ];
    const child = spawn("/bin/sh", ["-c", script], { cwd: root, env, detached: true });
    let output = "";
    const settled = new Promise((resolve, reject) => {
      const check = () => {
        // Either the banner's browser line (the fix) or Vite's opener failing (the defect).
        if (/not opened|ENOENT|\n\s+at .+:\d+:\d+/.test(output)) resolve();
      };
      child.stdout.on("data", (chunk) => ((output += chunk), check()));
      child.stderr.on("data", (chunk) => ((output += chunk), check()));
      child.on("exit", (code) => reject(new Error(`start:app exited with ${code}:\n${output}`)));
    });
    try {
      await settled;
    } finally {
      process.kill(-child.pid, "SIGTERM");
    }
    assert.match(output, new RegExp(`http://127\\.0\\.0\\.1:${port}`));
    assert.doesNotMatch(output, /ENOENT/);
    assert.doesNotMatch(output, /\n\s+at .+:\d+:\d+/, "no stack trace reaches the user");
    assert.match(output, /Browser +not opened \(no graphical display/);
  },
);
