// Size limit on the JS a first visit downloads (DESIGN.md §8): deterministic, so it is a test,
// unlike the timed figures of `npm run bench`. The AWS SDK, code editor, layout and parsers must
// stay behind dynamic import(); a static import of any of them lands here and fails the limit.
//
//   node scripts/check-bundle.mjs            builds the app into a temporary directory and checks it
//   node scripts/check-bundle.mjs --dir D    checks an existing `vite build --manifest` output in D
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** kB as Vite prints them (1000 bytes), gzip at zlib's default level, as servers usually send. */
export const LIMIT_KB = 300;

/** Files index.html loads before any user action: its module scripts and modulepreloads. */
function htmlScripts(html) {
  const found = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isModule = /^<script/.test(tag) && /type="module"/.test(tag);
    const isPreload = /^<link/.test(tag) && /rel="modulepreload"/.test(tag);
    const url = /(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if ((isModule || isPreload) && url && !/^https?:/.test(url)) found.push(url.replace(/^\//, ""));
  }
  return found;
}

/** The entry chunk and every chunk it imports statically, transitively (dynamic imports excluded). */
function staticClosure(manifest) {
  const files = new Set();
  const visit = (key) => {
    const chunk = manifest[key];
    if (!chunk || files.has(chunk.file)) return;
    files.add(chunk.file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  return files;
}

export function initialJs(dir) {
  const manifestPath = join(dir, ".vite", "manifest.json");
  if (!existsSync(manifestPath)) throw new Error(`${manifestPath} missing: build with --manifest`);
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
  const files = new Set([
    ...staticClosure(manifest),
    ...htmlScripts(readFileSync(join(dir, "index.html"), "utf8")),
  ]);
  return [...files]
    .filter((file) => file.endsWith(".js"))
    .map((file) => {
      const bytes = readFileSync(join(dir, file));
      return { file, bytes: bytes.length, gzip: gzipSync(bytes).length };
    })
    .sort((a, b) => b.gzip - a.gzip);
}

/** A production build (with a manifest) in a new temporary directory; the caller removes it. */
export function build() {
  const dir = mkdtempSync(join(tmpdir(), "pd-bundle-"));
  // The production bundle as deployed: no test hooks.
  const env = { ...process.env };
  delete env.VITE_TEST_HOOKS;
  const run = spawnSync(
    "npx",
    ["vite", "build", "--outDir", dir, "--emptyOutDir", "--manifest", "--logLevel", "error"],
    { stdio: "inherit", env },
  );
  if (run.status !== 0) throw new Error(`vite build failed (exit ${run.status})`);
  return dir;
}

function main() {
  const given = process.argv.indexOf("--dir");
  const dir = given >= 0 ? process.argv[given + 1] : build();
  try {
    const files = initialJs(dir);
    const kb = (bytes) => (bytes / 1000).toFixed(1).padStart(7);
    for (const { file, bytes, gzip } of files)
      console.log(`${kb(gzip)} kB gzip ${kb(bytes)} kB  ${file}`);
    const total = files.reduce((sum, file) => sum + file.gzip, 0);
    const verdict = total <= LIMIT_KB * 1000 ? "ok" : "OVER THE LIMIT";
    console.log(`initial JS: ${kb(total).trim()} kB gzip (limit ${LIMIT_KB} kB): ${verdict}`);
    if (total > LIMIT_KB * 1000) process.exitCode = 1;
  } finally {
    if (given < 0) rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
