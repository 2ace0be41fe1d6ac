import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { importDefinition, type ObjectReader } from "../compiler";
import type { Io } from "./main";

export const IMPORT_USAGE = `  pipeline-designer import <definition.json> [-o <design.pipeline.json>] [--name <pipeline>] [--objects <dir>]`;

interface ImportArguments {
  file: string;
  output?: string;
  name?: string;
  objects?: string;
}

function parse(argv: string[]): ImportArguments | string {
  const parsed: Partial<ImportArguments> = {};
  // A Map, so an argument such as "constructor" or "__proto__" is a file name, not a flag.
  const flags = new Map<string, keyof ImportArguments>([
    ["-o", "output"],
    ["--output", "output"],
    ["--name", "name"],
    ["--objects", "objects"],
  ]);
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    const key = flags.get(arg);
    if (key) {
      const value = argv[++index];
      if (value === undefined || value.startsWith("-")) return `${arg} needs a value`;
      parsed[key] = value;
    } else if (arg.startsWith("-")) {
      return `unknown option ${arg}`;
    } else if (parsed.file) {
      return "expected exactly one definition file";
    } else {
      parsed.file = arg;
    }
  }
  return parsed.file ? (parsed as ImportArguments) : "missing definition file";
}

/**
 * S3 objects from a local copy laid out as `<dir>/<bucket>/<key>` — what
 * `aws s3 sync s3://<bucket> <dir>/<bucket>` gives.
 */
function localObjects(dir: string): ObjectReader {
  return (uri) => {
    const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
    if (!match) return undefined;
    const key = match[2] as string;
    if (key.split("/").includes("..")) return undefined;
    try {
      return new Uint8Array(readFileSync(join(dir, match[1] as string, key)));
    } catch {
      return undefined;
    }
  };
}

/**
 * `import`: a SageMaker pipeline definition → a design file. Every note (what the design cannot
 * hold, where its compile differs from the definition) goes to stderr, located in the definition.
 * Exit 0 when the design compiles back to the definition, 1 when there are notes (the design is
 * still written), 2 when the file is not a readable definition or the usage is wrong.
 */
export function runImport(argv: string[], io: Io, usage: (message: string) => number): number {
  const args = parse(argv);
  if (typeof args === "string") return usage(args);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(args.file, "utf8"));
  } catch (cause) {
    const error = cause as NodeJS.ErrnoException;
    const reason = error.code === "ENOENT" ? "no such file" : error.message;
    io.stderr(`${args.file}: cannot read: ${reason}\n`);
    return 2;
  }
  const result = importDefinition(value, {
    name: args.name,
    read: args.objects ? localObjects(args.objects) : undefined,
  });
  if (!result.ok) {
    for (const error of result.errors)
      io.stderr(`${args.file}${error.path ? `:${error.path}` : ""}: ${error.message}\n`);
    io.stderr(`${args.file}: not a pipeline definition this tool can import\n`);
    return 2;
  }
  for (const note of result.notes)
    io.stderr(`${args.file}${note.path ? `:${note.path}` : ""}: ${note.message}\n`);
  const text = `${JSON.stringify(result.design, null, 2)}\n`;
  if (args.output) {
    try {
      writeFileSync(args.output, text);
    } catch (cause) {
      io.stderr(`${args.output}: cannot write: ${(cause as Error).message}\n`);
      return 2;
    }
  } else {
    io.stdout(text);
  }
  const steps = result.design.steps.length;
  io.stderr(
    `${args.file}: ${steps} step(s) imported${args.output ? ` into ${args.output}` : ""}; ${result.notes.length === 0 ? "it compiles back to this definition" : `${result.notes.length} note(s)`}\n`,
  );
  return result.notes.length === 0 ? 0 : 1;
}
