import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./scripts/chromium.mjs";

const port = Number(process.env.E2E_PORT ?? 5199);
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 4599);
// Its own build directory per port, so two runs on other ports never overwrite each other's build.
const outDir = port === 5199 ? "dist-e2e" : `dist-e2e-${port}`;
const chromium = findChromium();

export default defineConfig({
  testDir: "e2e",
  // Traces and attachments too, so a run on another port never clears this one's.
  outputDir: port === 5199 ? "test-results" : `test-results-${port}`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: { executablePath: chromium?.path, args: CHROMIUM_ARGS },
    trace: "retain-on-failure",
    // Copy/paste and the Definition "Copy" button are tested through the real clipboard.
    permissions: ["clipboard-read", "clipboard-write"],
  },
  webServer: [
    {
      // The local AWS emulator, seeded; its config answers 404 until the seed is done.
      command: `node scripts/emulator.mjs --port ${emulatorPort}`,
      url: `http://127.0.0.1:${emulatorPort}/_emulator/designer.config.json`,
      env: { EMULATOR_STEP_SECONDS: "1", EMULATOR_QUIET: "1" },
      reuseExistingServer: false,
      timeout: 300_000,
    },
    {
      // The production build, not the dev server: the dev server re-optimises dependencies the
      // first time a lazy chunk (CodeMirror, the layout worker) is seen and reloads the page
      // mid-test. The preview server proxies /designer.config.json to the emulator.
      command: `npx vite build --outDir ${outDir} --emptyOutDir --logLevel warn && npx vite preview --outDir ${outDir} --host 127.0.0.1 --port ${port} --strictPort`,
      url: `http://127.0.0.1:${port}`,
      env: { VITE_TEST_HOOKS: "1", DESIGNER_EMULATOR_URL: `http://127.0.0.1:${emulatorPort}` },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
