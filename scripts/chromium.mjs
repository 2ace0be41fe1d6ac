// Finds a Chromium for Playwright without downloading one (this project's machines cannot).
import { existsSync } from "node:fs";
import { createRequire } from "node:module";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";

/** CHROMIUM_PATH, then Debian's /usr/bin/chromium, then a browser Playwright already installed. */
export function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv)
    return existsSync(fromEnv)
      ? { path: fromEnv, source: "CHROMIUM_PATH" }
      : { missing: `CHROMIUM_PATH=${fromEnv} does not exist` };
  if (existsSync(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, source: "Debian package" };
  try {
    const require = createRequire(import.meta.url);
    const { chromium } = require("playwright-core");
    const path = chromium.executablePath();
    if (path && existsSync(path)) return { path, source: "Playwright's browser cache" };
  } catch {
    // playwright-core not resolvable or no managed browser: fall through.
  }
  return null;
}

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  // The machines have no internet: stop Chromium's background calls home.
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
