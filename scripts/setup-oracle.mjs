// Creates the oracle's Python venv (tests/oracle/.venv) and installs tests/oracle/requirements.txt
// into it, once per version of that file: the oracle always renders with the pinned SDK.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const oracle = join(root, "tests", "oracle");
const venv = join(oracle, ".venv");
const python = join(venv, "bin", "python");
const requirements = join(oracle, "requirements.txt");
const stamp = join(venv, ".requirements.sha256");
const wanted = createHash("sha256").update(readFileSync(requirements)).digest("hex");

function run(command, args) {
  execFileSync(command, args, { stdio: "inherit", cwd: root });
}

/**
 * Some packages ship browser assets (werkzeug's debugger, moto's server UI, urllib3's emscripten
 * worker) that the in-process oracle never loads; eslint.config.js ignores only the root .venv,
 * so `eslint .` would lint them. Removed until the lint config ignores every `.venv`.
 */
function removeJavaScript(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) removeJavaScript(path);
    else if (/\.(c|m)?js$/.test(entry.name)) rmSync(path);
  }
}

try {
  if (!existsSync(python)) {
    console.log("setup-oracle: creating tests/oracle/.venv");
    run(process.env.PYTHON ?? "python3", ["-m", "venv", venv]);
  }
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== wanted) {
    console.log("setup-oracle: installing tests/oracle/requirements.txt into tests/oracle/.venv");
    run(python, [
      "-m",
      "pip",
      "install",
      "--quiet",
      "--disable-pip-version-check",
      "-r",
      requirements,
    ]);
    removeJavaScript(venv);
    writeFileSync(stamp, wanted);
  } else {
    console.log("setup-oracle: tests/oracle/.venv is up to date");
  }
} catch (error) {
  console.error(`\nsetup-oracle: ${error.message}`);
  console.error(
    "Needs Python 3.10+ with venv (Debian: apt-get install -y python3-venv) and access to PyPI.",
  );
  process.exit(1);
}
