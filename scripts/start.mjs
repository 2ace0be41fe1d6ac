// `npm start`: the designer with its local AWS emulator. Installs the emulator's venv if needed,
// starts the emulator on 127.0.0.1, seeds it, then serves the app; Ctrl+C stops everything.
import { spawn, spawnSync } from "node:child_process";
import { createConnection } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const emulatorPort = Number(process.env.EMULATOR_PORT ?? 4566);
const appPort = Number(process.env.DESIGNER_PORT ?? 5173);
const email = process.env.DEMO_EMAIL ?? "demo@example.com";
const password = process.env.DEMO_PASSWORD ?? "DesignerDemo1!";
const python = join(root, ".venv", "bin", "python");
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

const setup = spawnSync(process.execPath, [join(root, "scripts", "setup-python.mjs")], {
  stdio: "inherit",
});
if (setup.status !== 0) process.exit(setup.status ?? 1);

const env = {
  ...process.env,
  EMULATOR_PORT: String(emulatorPort),
  DEMO_EMAIL: email,
  DEMO_PASSWORD: password,
};
const emulator = spawn(
  python,
  [join(root, "emulator", "server.py"), "--port", String(emulatorPort)],
  { env, stdio: ["ignore", "inherit", "inherit"] },
);
children.push(emulator);
emulator.on("exit", (code) => {
  console.error(`emulator stopped (exit ${code}); stopping the designer`);
  stopAll(code ?? 1);
});

try {
  await waitForPort(emulatorPort, 30_000);
} catch (error) {
  console.error(`start: the emulator did not come up: ${error.message}`);
  stopAll(1);
}
const seed = spawnSync(
  python,
  [
    join(root, "emulator", "seed.py"),
    "--endpoint",
    `http://127.0.0.1:${emulatorPort}`,
    "--out",
    join(root, "public", "designer.config.json"),
  ],
  { env, stdio: "inherit" },
);
if (seed.status !== 0) stopAll(seed.status ?? 1);

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
  {
    cwd: root,
    env,
    stdio: ["inherit", "inherit", "inherit"],
  },
);
children.push(vite);
vite.on("exit", (code) => stopAll(code ?? 0));
await waitForPort(appPort, 30_000).catch(() => undefined);
console.log(`
  Pipeline Designer   http://127.0.0.1:${appPort}
  Local AWS emulator  http://127.0.0.1:${emulatorPort}  (moto; see emulator/README.md)
  Demo sign-in        ${email} / ${password}
  Ctrl+C stops everything.
`);
