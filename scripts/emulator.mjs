// The local AWS emulator as one process: installs the venv if needed, starts emulator/server.py on
// 127.0.0.1, seeds it (Cognito pools, demo user, bucket, role) and stays up until stopped.
// `npm start` and the e2e tests use it; run alone: `node scripts/emulator.mjs [--port 4566]`.
import { spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const python = join(root, ".venv", "bin", "python");

/** Polls until the emulator answers with the seeded config (404 before the seed is done). */
async function waitForConfig(endpoint, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the emulator exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${endpoint}/_emulator/designer.config.json`);
      if (response.ok) return response.json();
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`no answer from ${endpoint} after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function waitForPort(endpoint, timeoutMs, child) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the emulator exited with ${child.exitCode}`);
    try {
      await fetch(`${endpoint}/_emulator/designer.config.json`);
      return;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`nothing listens at ${endpoint} after ${timeoutMs / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * Starts and seeds the emulator. Resolves with the child process, its endpoint and the seeded
 * config; `env` reaches server.py and seed.py (EMULATOR_STEP_SECONDS, DEMO_EMAIL, …).
 */
export async function startEmulator({ port, env = process.env, stdio = "inherit" }) {
  const setup = spawnSync(process.execPath, [join(root, "scripts", "setup-python.mjs")], {
    stdio: stdio === "inherit" ? "inherit" : "pipe",
  });
  if (setup.status !== 0)
    throw new Error("could not set up the Python venv (npm run setup:python)");
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(python, [join(root, "emulator", "server.py"), "--port", String(port)], {
    env,
    stdio: ["ignore", stdio, stdio],
  });
  await waitForPort(endpoint, 30_000, child);
  const seed = spawnSync(python, [join(root, "emulator", "seed.py"), "--endpoint", endpoint], {
    env,
    stdio: stdio === "inherit" ? "inherit" : "pipe",
  });
  if (seed.status !== 0) {
    child.kill("SIGTERM");
    throw new Error(`seeding failed: ${seed.stderr?.toString() ?? ""}`);
  }
  const config = await waitForConfig(endpoint, 10_000, child);
  return { child, endpoint, config };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf("--port");
  const port = Number(flag > 0 ? process.argv[flag + 1] : (process.env.EMULATOR_PORT ?? 4566));
  try {
    const { child, endpoint } = await startEmulator({ port });
    console.log(`emulator: seeded and ready at ${endpoint}`);
    const stop = () => child.kill("SIGTERM");
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
    child.on("exit", (code) => process.exit(code ?? 0));
  } catch (error) {
    console.error(`emulator: ${error.message}`);
    process.exit(1);
  }
}
