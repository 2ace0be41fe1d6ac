import { parse as parseJsonc, printParseErrorCode, type ParseError } from "jsonc-parser";
import { CURRENT_VERSION, MIGRATIONS, migrate, type Migration } from "./migrations";
import { formatPath } from "./path";
import { DESIGN_FORMAT, DesignSchema, type Design } from "./schema";

export interface LoadIssue {
  /** JSON path inside the file, e.g. `steps[1].position.x`; empty for the whole document. */
  path: string;
  message: string;
}

/** Every way loading a file can end; callers switch on `kind` and never see an exception. */
export type LoadResult =
  | { kind: "ok"; design: Design; migrations: string[] }
  | { kind: "notADesign"; message: string }
  | { kind: "versionTooNew"; version: number; supported: number; message: string }
  | { kind: "invalid"; issues: LoadIssue[] };

/** Loads a design from file text: parse → format check → migrations → schema validation. */
export function loadDesignText(text: string, migrations?: readonly Migration[]): LoadResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { kind: "notADesign", message: `not valid JSON: ${jsonErrorMessage(error, text)}` };
  }
  return loadDesign(parsed, migrations);
}

/** Loads a design from an already parsed JSON value. */
export function loadDesign(
  value: unknown,
  migrations: readonly Migration[] = MIGRATIONS,
  target: number = CURRENT_VERSION,
): LoadResult {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      kind: "notADesign",
      message: 'expected a JSON object with "format": "' + DESIGN_FORMAT + '"',
    };
  }
  const document = value as Record<string, unknown>;
  if (document.format !== DESIGN_FORMAT) {
    return { kind: "notADesign", message: `"format" must be "${DESIGN_FORMAT}"` };
  }
  const version = document.version;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 1) {
    return {
      kind: "invalid",
      issues: [{ path: "version", message: "must be a whole number ≥ 1" }],
    };
  }
  const migrated = migrate(document, version, migrations, target);
  if (!migrated.ok) {
    if (migrated.reason === "tooNew") {
      return {
        kind: "versionTooNew",
        version,
        supported: target,
        message: `this design is version ${version}; this app reads up to version ${target}. Update Pipeline Designer to open it.`,
      };
    }
    return {
      kind: "invalid",
      issues: [{ path: "version", message: `no migration from version ${migrated.version}` }],
    };
  }
  const result = DesignSchema.safeParse(migrated.document);
  if (!result.success) {
    return {
      kind: "invalid",
      issues: result.error.issues.map((issue) => ({
        path: formatPath(issue.path),
        message: issue.message,
      })),
    };
  }
  return { kind: "ok", design: result.data, migrations: migrated.applied };
}

/**
 * JSON.parse's messages carry no reliable position in Node 20, so a strict JSON scanner locates
 * the first error: "expected a value at line 4, column 13".
 */
function jsonErrorMessage(error: unknown, text: string): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (!first) return error instanceof Error ? error.message : String(error);
  const before = text.slice(0, first.offset).split("\n");
  const what = printParseErrorCode(first.error)
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return `${what} at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
}
