// Creates the project's Python venv (.venv) and installs emulator/requirements.txt into it, once
// per version of that file: the emulator never depends on what a machine happens to have.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const venv = join(root, ".venv");
const python = join(venv, "bin", "python");
const requirements = join(root, "emulator", "requirements.txt");
const stamp = join(venv, ".requirements.sha256");
const wanted = createHash("sha256").update(readFileSync(requirements)).digest("hex");

function run(command, args) {
  execFileSync(command, args, { stdio: "inherit", cwd: root });
}

try {
  if (!existsSync(python)) {
    console.log("setup-python: creating .venv");
    run(process.env.PYTHON ?? "python3", ["-m", "venv", venv]);
  }
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== wanted) {
    console.log("setup-python: installing emulator/requirements.txt into .venv");
    run(python, [
      "-m",
      "pip",
      "install",
      "--quiet",
      "--disable-pip-version-check",
      "-r",
      requirements,
    ]);
    writeFileSync(stamp, wanted);
  } else {
    console.log("setup-python: .venv is up to date");
  }
} catch (error) {
  console.error(`\nsetup-python: ${error.message}`);
  console.error(
    "Needs Python 3.10+ with venv (Debian: apt-get install -y python3-venv) and access to PyPI.",
  );
  process.exit(1);
}
