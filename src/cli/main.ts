import { readFileSync, writeFileSync } from "node:fs";
import { diagnose } from "../checks";
import { compile } from "../compiler";
import { loadDesignText, type Design, type Diagnostic } from "../model";
import { formatDiagnostic, loadIssueDiagnostic } from "./format";
import { schemaDiagnostics } from "../compiler/schema";
import { IMPORT_USAGE, runImport } from "./importCommand";
import { scriptCheckDiagnostics, validateLine, validateRow } from "./scriptChecks";

export const EXIT_OK = 0;
export const EXIT_DESIGN_ERRORS = 1;
export const EXIT_UNUSABLE_INPUT = 2;

const USAGE = `Usage:
  pipeline-designer compile <design.pipeline.json> [-o <definition.json>]
  pipeline-designer validate <design.pipeline.json> [--json]
${IMPORT_USAGE}

Exit codes: 0 ok, 1 the design has errors, 2 unreadable file, not a design, or bad usage.`;

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const processIo: Io = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

type Loaded =
  { ok: true; design: Design } | { ok: false; exitCode: number; diagnostics: Diagnostic[] };

/** Reads and loads a design file; every failure becomes a message and an exit code, never a throw. */
function loadFile(file: string, io: Io): Loaded {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    const reason =
      (cause as NodeJS.ErrnoException).code === "ENOENT"
        ? "no such file"
        : (cause as Error).message;
    io.stderr(`${file}: cannot read: ${reason}\n`);
    return { ok: false, exitCode: EXIT_UNUSABLE_INPUT, diagnostics: [] };
  }
  const result = loadDesignText(text);
  switch (result.kind) {
    case "ok":
      return { ok: true, design: result.design };
    case "notADesign":
      io.stderr(`${file}: not a pipeline design: ${result.message}\n`);
      return { ok: false, exitCode: EXIT_UNUSABLE_INPUT, diagnostics: [] };
    case "versionTooNew":
      io.stderr(`${file}: ${result.message}\n`);
      return { ok: false, exitCode: EXIT_UNUSABLE_INPUT, diagnostics: [] };
    case "invalid":
      return {
        ok: false,
        exitCode: EXIT_DESIGN_ERRORS,
        diagnostics: result.issues.map(loadIssueDiagnostic),
      };
  }
}

function runCompile(file: string, output: string | undefined, io: Io): number {
  const loaded = loadFile(file, io);
  if (!loaded.ok) {
    for (const diagnostic of loaded.diagnostics)
      io.stderr(`${formatDiagnostic(file, null, diagnostic)}\n`);
    return loaded.exitCode;
  }
  const result = compile(loaded.design);
  if (!result.ok) {
    for (const diagnostic of result.errors)
      io.stderr(`${formatDiagnostic(file, loaded.design, diagnostic)}\n`);
    io.stderr(`${file}: ${result.errors.length} error(s); nothing compiled\n`);
    return EXIT_DESIGN_ERRORS;
  }
  for (const diagnostic of result.warnings)
    io.stderr(`${formatDiagnostic(file, loaded.design, diagnostic)}\n`);
  if (output) {
    try {
      writeFileSync(output, result.json);
    } catch (cause) {
      io.stderr(`${output}: cannot write: ${(cause as Error).message}\n`);
      return EXIT_UNUSABLE_INPUT;
    }
    io.stderr(
      `wrote ${output} (${result.json.length} bytes, ${result.uploads.length} upload(s))\n`,
    );
  } else {
    io.stdout(result.json);
  }
  return EXIT_OK;
}

/** Every diagnostic of a design, as the designer's Problems panel lists them (`diagnose`). */
export async function designDiagnostics(design: Design): Promise<readonly Diagnostic[]> {
  const compiled = compile(design);
  return diagnose(compiled, {
    schema: compiled.ok ? schemaDiagnostics(design, compiled.definition) : [],
    scripts: await scriptCheckDiagnostics(design),
  }).diagnostics;
}

async function runValidate(file: string, json: boolean, io: Io): Promise<number> {
  const loaded = loadFile(file, io);
  const design = loaded.ok ? loaded.design : null;
  if (!loaded.ok && loaded.exitCode === EXIT_UNUSABLE_INPUT) return loaded.exitCode;
  const diagnostics = loaded.ok ? await designDiagnostics(loaded.design) : loaded.diagnostics;
  const errors = diagnostics.filter((diagnostic) => diagnostic.severity === "error").length;
  if (json) {
    const stepName = (id?: string) => design?.steps.find((step) => step.id === id)?.name;
    const rows = diagnostics.map((diagnostic) =>
      validateRow(file, stepName(diagnostic.stepId), diagnostic),
    );
    io.stdout(
      `${JSON.stringify({ file, ok: errors === 0, errors, warnings: diagnostics.length - errors, diagnostics: rows }, null, 2)}\n`,
    );
  } else {
    for (const diagnostic of diagnostics) io.stdout(`${validateLine(file, design, diagnostic)}\n`);
    const steps = design ? `${design.steps.length} steps, ` : "";
    io.stdout(`${file}: ${steps}${errors} error(s), ${diagnostics.length - errors} warning(s)\n`);
  }
  return errors > 0 ? EXIT_DESIGN_ERRORS : EXIT_OK;
}

/** Parses arguments and runs one command; returns the exit code. */
export function main(argv: string[], io: Io = processIo): number | Promise<number> {
  const [command, ...rest] = argv;
  if (command === "--help" || command === "-h" || command === "help") {
    io.stdout(`${USAGE}\n`);
    return EXIT_OK;
  }
  const usage = (message: string) => {
    io.stderr(`pipeline-designer: ${message}\n${USAGE}\n`);
    return EXIT_UNUSABLE_INPUT;
  };
  if (command === "import") return runImport(rest, io, usage);
  const files = rest.filter(
    (arg, index) =>
      !arg.startsWith("-") && rest[index - 1] !== "-o" && rest[index - 1] !== "--output",
  );
  const unknown = rest.filter(
    (arg) => arg.startsWith("-") && !["-o", "--output", "--json"].includes(arg),
  );
  if (unknown.length > 0) return usage(`unknown option ${unknown[0]}`);
  if (files.length !== 1)
    return usage(files.length === 0 ? "missing design file" : "expected exactly one design file");
  const file = files[0] as string;
  if (command === "compile") {
    if (rest.includes("--json")) return usage("--json is an option of validate");
    const flag = rest.findIndex((arg) => arg === "-o" || arg === "--output");
    const output = flag >= 0 ? rest[flag + 1] : undefined;
    if (flag >= 0 && (!output || output.startsWith("-"))) return usage("-o needs a file name");
    return runCompile(file, output, io);
  }
  if (command === "validate") {
    if (rest.some((arg) => arg === "-o" || arg === "--output"))
      return usage("-o is an option of compile");
    return runValidate(file, rest.includes("--json"), io);
  }
  return usage(command ? `unknown command "${command}"` : "missing command");
}
