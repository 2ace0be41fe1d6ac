// Makes sure a Chromium exists for the e2e tests: finds one, installs Debian's package when it
// can (root on Debian), and otherwise says exactly what to do. It never fails silently.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { findChromium } from "./chromium.mjs";

function fail(message) {
  console.error(`\nsetup-browser: ${message}\n`);
  console.error("Then run the tests again. Options:");
  console.error("  - Debian/Ubuntu as root:   apt-get update && apt-get install -y chromium");
  console.error("  - any Chromium/Chrome:     export CHROMIUM_PATH=/path/to/chromium");
  console.error("  - with internet access:    npx playwright install chromium");
  process.exit(1);
}

const found = findChromium();
if (found?.path) {
  console.log(`setup-browser: using ${found.path} (${found.source})`);
  process.exit(0);
}
if (found?.missing) fail(found.missing);

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!existsSync("/etc/debian_version"))
  fail("no Chromium found, and this is not Debian, so it cannot be installed automatically.");
if (!isRoot) fail("no Chromium found; installing Debian's package needs root.");

console.log("setup-browser: no Chromium found; installing Debian's chromium package (apt-get)…");
try {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
    stdio: "inherit",
    env,
  });
} catch (error) {
  fail(`apt-get could not install chromium: ${error.message}`);
}
const installed = findChromium();
if (!installed?.path) fail("apt-get finished but /usr/bin/chromium is still missing.");
console.log(`setup-browser: installed ${installed.path}`);
