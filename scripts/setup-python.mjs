// Creates a Python venv and installs a requirements file into it, once per version of that file,
// so nothing depends on what a machine happens to have. Defaults: the emulator's
// (emulator/requirements.txt → .venv); the oracle passes tests/oracle/requirements.txt tests/oracle/.venv.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const [requirementsArg = "emulator/requirements.txt", venvArg = ".venv"] = process.argv.slice(2);
const requirements = join(root, requirementsArg);
const venv = join(root, venvArg);
const python = join(venv, "bin", "python");
const stamp = join(venv, ".requirements.sha256");
const wanted = createHash("sha256").update(readFileSync(requirements)).digest("hex");

function run(command, args) {
  execFileSync(command, args, { stdio: "inherit", cwd: root });
}

try {
  if (!existsSync(python)) {
    console.log(`setup-python: creating ${venvArg}`);
    run(process.env.PYTHON ?? "python3", ["-m", "venv", venv]);
  }
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== wanted) {
    console.log(`setup-python: installing ${requirementsArg} into ${venvArg}`);
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
    console.log(`setup-python: ${venvArg} is up to date`);
  }
} catch (error) {
  console.error(`\nsetup-python: ${error.message}`);
  console.error(
    "Needs Python 3.10+ with venv (Debian: apt-get install -y python3-venv) and access to PyPI.",
  );
  process.exit(1);
}
