// `npm start`: the designer with its local AWS emulator. Installs the emulator's venv if needed,
// starts and seeds the emulator on 127.0.0.1, then serves the app; Ctrl+C stops everything.
import { startEmulator } from "./emulator.mjs";
import { browserLine, serveApp } from "./serve-app.mjs";

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

// vite.config.ts proxies /designer.config.json to the emulator named here. The browser opens only
// where one can (scripts/open-browser.mjs): never a stack trace on a machine without a desktop.
const vite = serveApp({
  port: appPort,
  env: { ...env, DESIGNER_EMULATOR_URL: emulator.endpoint },
  onReady: (url, browser) =>
    console.log(`
  Pipeline Designer   ${url}${browserLine(browser)}
  Local AWS emulator  ${emulator.endpoint}  (moto; see emulator/README.md)
  Demo sign-in        ${email} / ${password}
  Ctrl+C stops everything.
`),
});
children.push(vite);
vite.on("exit", (code) => stopAll(code ?? 0));
