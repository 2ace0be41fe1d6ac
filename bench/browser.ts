// The two pages under test, built and served for one run: the designer's production build with
// test hooks (as e2e runs it) and the bare React Flow baseline, in the Debian Chromium e2e uses.
import { chromium, type Browser, type Page } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { CHROMIUM_ARGS, findChromium } from "../scripts/chromium.mjs";

const ROOT = join(import.meta.dirname, "..");
/** Big enough that the designer's canvas is a realistic working size beside its panels. */
export const VIEWPORT = { width: 1600, height: 1000 };

const TYPES: Record<string, string> = {
  ".html": "text/html",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

function viteBuild(args: string[], env: NodeJS.ProcessEnv): void {
  const run = spawnSync("npx", ["vite", "build", "--emptyOutDir", "--logLevel", "error", ...args], {
    cwd: ROOT,
    stdio: "inherit",
    env,
  });
  if (run.status !== 0) throw new Error(`vite build ${args.join(" ")} failed`);
}

/** Static files of one build; unknown paths answer 404 (the app then runs without a config file). */
function serve(dir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = normalize(decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname));
    let file = join(dir, path);
    if (!file.startsWith(dir) || !existsSync(file)) return void response.writeHead(404).end();
    if (statSync(file).isDirectory()) file = join(file, "index.html");
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

export interface Harness {
  browser: Browser;
  designer: Page;
  bare: Page;
  chromiumVersion: string;
  close: () => Promise<void>;
}

/** Builds both pages, serves them, and opens each in its own context of one Chromium. */
export async function openHarness(): Promise<Harness> {
  const chromiumPath = findChromium();
  if (!chromiumPath?.path) throw new Error("no Chromium found: run npm run setup:browser");
  const out = mkdtempSync(join(tmpdir(), "pd-bench-"));
  const appDir = join(out, "app");
  const bareDir = join(out, "bare");
  viteBuild(["--outDir", appDir], { ...process.env, VITE_TEST_HOOKS: "1" });
  viteBuild(["--config", "bench/bare/vite.config.ts", "--outDir", bareDir], process.env);
  const servers = await Promise.all([serve(appDir), serve(bareDir)]);
  const browser = await chromium.launch({ executablePath: chromiumPath.path, args: CHROMIUM_ARGS });
  const open = async (url: string) => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript({ path: join(import.meta.dirname, "inpage.js") });
    const page = await context.newPage();
    await page.goto(url);
    return page;
  };
  const designer = await open(urlOf(servers[0]));
  await designer.waitForFunction(() => window.__designer !== undefined);
  await designer.locator(".react-flow__node").first().waitFor();
  const bare = await open(urlOf(servers[1]));
  await bare.waitForFunction(() => (window as { __bare?: unknown }).__bare !== undefined);
  return {
    browser,
    designer,
    bare,
    chromiumVersion: browser.version(),
    close: async () => {
      await browser.close();
      await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
      rmSync(out, { recursive: true, force: true });
    },
  };
}
