// Runs oracle.py in batch mode (one Python process per job, each rendering many designs) and
// collects its JSON-lines answers by design file.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ObjectDescription } from "./normalise";

export const ORACLE_DIR = import.meta.dirname;
export const ORACLE_PYTHON = join(ORACLE_DIR, ".venv", "bin", "python");
const ORACLE_SCRIPT = join(ORACLE_DIR, "oracle.py");

export type OracleResult =
  | {
      ok: true;
      definition: string;
      objects: Record<string, ObjectDescription>;
      /** Every object the definition names that is in the mock bucket, base64 (the import reads them). */
      bodies?: Record<string, string>;
    }
  | { ok: false; error: string };

function runBatch(files: string[]): Promise<Map<string, OracleResult>> {
  return new Promise((resolve, reject) => {
    const child = spawn(ORACLE_PYTHON, [ORACLE_SCRIPT, "--jsonl", ...files], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const results = new Map<string, OracleResult>();
    let buffer = "";
    let stderr = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (!line.trim()) continue;
        const { file, ...result } = JSON.parse(line) as { file: string } & OracleResult;
        results.set(file, result as OracleResult);
      }
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      stderr = (stderr + chunk).slice(-20000);
    });
    child.on("error", reject);
    child.on("close", () => {
      for (const file of files) {
        if (!results.has(file))
          results.set(file, { ok: false, error: `the oracle gave no answer\n${stderr}` });
      }
      resolve(results);
    });
  });
}

/** Renders every design with the SDK, split over `jobs` Python processes. */
export async function runOracle(files: string[], jobs: number): Promise<Map<string, OracleResult>> {
  if (!existsSync(ORACLE_PYTHON))
    throw new Error(`no oracle venv at ${ORACLE_PYTHON}: run npm run setup:oracle`);
  const chunks: string[][] = Array.from({ length: Math.max(1, jobs) }, () => []);
  // Round robin keeps the batches equally heavy whatever order the cases come in.
  files.forEach((file, index) => chunks[index % chunks.length]?.push(file));
  const answers = await Promise.all(
    chunks.filter((chunk) => chunk.length > 0).map((chunk) => runBatch(chunk)),
  );
  return new Map(answers.flatMap((answer) => [...answer]));
}
