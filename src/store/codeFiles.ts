import { INLINE_CODE_LIMIT_BYTES, isStepTypeName, STARTER_FILES, stepType } from "../catalog";
import type { Design, Step } from "../model";

/** A step's inline code: relative path → text, as `config.code.files` holds it. */
export type CodeFiles = Readonly<Record<string, string>>;

/** The outcome of a code edit: the next design (the same object when nothing changed) or why not. */
export type CodeEdit = { ok: true; design: Design } | { ok: false; message: string };

const MAX_NAME_LENGTH = 255;
const encoder = new TextEncoder();

/** UTF-8 size of a text, as the archive will hold it. */
export function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** Total UTF-8 size of inline files (what PD105 measures). */
export function inlineCodeBytes(files: CodeFiles): number {
  let bytes = 0;
  for (const text of Object.values(files)) bytes += utf8Bytes(text);
  return bytes;
}

const grouped = (value: number) => value.toLocaleString("en-US");

/** "1.20 MB (1,258,291 bytes)". */
export function describeBytes(bytes: number): string {
  const size =
    bytes < 1024
      ? `${bytes} B`
      : bytes < 1024 * 1024
        ? `${(bytes / 1024).toFixed(1)} KB`
        : `${(bytes / 1024 / 1024).toFixed(2)} MB`;
  return `${size} (${grouped(bytes)} bytes)`;
}

/**
 * Why a change from `before` to `after` bytes of inline code is refused, or null. A change that
 * passes the limit is refused; one that shrinks code already over it is allowed, so it can be fixed.
 */
export function sizeProblem(before: number, after: number): string | null {
  if (after <= INLINE_CODE_LIMIT_BYTES || after <= before) return null;
  return `inline code would be ${describeBytes(after)}; the limit is 1 MB (${grouped(INLINE_CODE_LIMIT_BYTES)} bytes)`;
}

/**
 * Why `name` cannot name an inline file, or null: a relative path with `/` between folders, no
 * `..`, `.` or empty parts, not already taken, and neither a folder of another file nor inside one.
 */
export function codeFileNameProblem(name: string, taken: readonly string[]): string | null {
  if (name.trim() === "") return "enter a file name";
  if (name !== name.trim()) return "a file name may not start or end with spaces";
  if (name.length > MAX_NAME_LENGTH)
    return `a file name may be at most ${MAX_NAME_LENGTH} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return "a file name may not contain control characters";
  if (name.includes("\\")) return "use / between folders, not \\";
  if (name.startsWith("/")) return "must be a relative path (no leading /)";
  const parts = name.split("/");
  if (parts.includes("..")) return "may not contain .. (the file must stay inside the code folder)";
  if (parts.some((part) => part === "" || part === "."))
    return "may not contain empty or . folder names";
  if (taken.includes(name)) return `"${name}" already exists`;
  const asFolder = taken.find((other) => other.startsWith(`${name}/`));
  if (asFolder) return `"${name}" is a folder holding ${asFolder}`;
  const parent = taken.find((other) => name.startsWith(`${other}/`));
  if (parent) return `"${parent}" is a file, so it cannot be a folder`;
  return null;
}

/** The step's inline files, or null when its code is an S3 URI or not set. */
export function inlineFilesOf(step: Step): CodeFiles | null {
  const code = step.config.code;
  if (!code || typeof code !== "object" || !("files" in code)) return null;
  const files = (code as { files: unknown }).files;
  return files && typeof files === "object" ? (files as CodeFiles) : null;
}

/** The entry point SageMaker runs: the configured one, else the step type's default. */
export function entryPointOf(step: Step): string | undefined {
  const configured = step.config.entryPoint;
  if (typeof configured === "string") return configured;
  return stepType(step.type)?.contract.entryPointDefault;
}

type FilesEdit =
  { ok: true; files: CodeFiles; entryPoint?: string } | { ok: false; message: string };

/** Applies an edit to one step's inline files, refusing any that passes the size limit. */
function editFiles(
  design: Design,
  stepId: string,
  edit: (files: CodeFiles, step: Step) => FilesEdit,
): CodeEdit {
  const step = design.steps.find((candidate) => candidate.id === stepId);
  if (!step) return { ok: false, message: `no step with id "${stepId}"` };
  const files = inlineFilesOf(step);
  if (!files) return { ok: false, message: "the step's code is not inline files" };
  const result = edit(files, step);
  if (!result.ok) return result;
  if (result.files === files && result.entryPoint === undefined) return { ok: true, design };
  const tooLarge = sizeProblem(inlineCodeBytes(files), inlineCodeBytes(result.files));
  if (tooLarge) return { ok: false, message: tooLarge };
  const config: Record<string, unknown> = { ...step.config, code: { files: result.files } };
  if (result.entryPoint !== undefined) config.entryPoint = result.entryPoint;
  return {
    ok: true,
    design: {
      ...design,
      steps: design.steps.map((candidate) =>
        candidate.id === stepId ? { ...candidate, config } : candidate,
      ),
    },
  };
}

/** Sets the text of a file, adding it (under a checked name) when it is new. */
export function setCodeFile(design: Design, stepId: string, name: string, text: string): CodeEdit {
  return editFiles(design, stepId, (files) => {
    if (Object.hasOwn(files, name)) {
      return files[name] === text
        ? { ok: true, files }
        : { ok: true, files: { ...files, [name]: text } };
    }
    const problem = codeFileNameProblem(name, Object.keys(files));
    return problem
      ? { ok: false, message: problem }
      : { ok: true, files: { ...files, [name]: text } };
  });
}

/** Adds a new file; refuses a name that is taken. */
export function addCodeFile(design: Design, stepId: string, name: string, text = ""): CodeEdit {
  return editFiles(design, stepId, (files) => {
    const problem = codeFileNameProblem(name, Object.keys(files));
    return problem
      ? { ok: false, message: problem }
      : { ok: true, files: { ...files, [name]: text } };
  });
}

/** Renames a file in place (its order kept); renaming the entry point moves `entryPoint` with it. */
export function renameCodeFile(design: Design, stepId: string, from: string, to: string): CodeEdit {
  return editFiles(design, stepId, (files, step) => {
    if (!Object.hasOwn(files, from)) return { ok: false, message: `no file named "${from}"` };
    if (from === to) return { ok: true, files };
    const others = Object.keys(files).filter((name) => name !== from);
    const problem = codeFileNameProblem(to, others);
    if (problem) return { ok: false, message: problem };
    const renamed = Object.fromEntries(
      Object.entries(files).map(([name, text]) => [name === from ? to : name, text]),
    );
    return entryPointOf(step) === from
      ? { ok: true, files: renamed, entryPoint: to }
      : { ok: true, files: renamed };
  });
}

export function deleteCodeFile(design: Design, stepId: string, name: string): CodeEdit {
  return editFiles(design, stepId, (files) => {
    if (!Object.hasOwn(files, name)) return { ok: false, message: `no file named "${name}"` };
    const { [name]: _removed, ...rest } = files;
    return { ok: true, files: rest };
  });
}

/**
 * Merges imported files into the step's inline files (a file of the same name is replaced),
 * as one edit. Every name is checked first; one bad name refuses the whole import.
 */
export function importCodeFiles(design: Design, stepId: string, imported: CodeFiles): CodeEdit {
  return editFiles(design, stepId, (files) => {
    const names = Object.keys(imported);
    if (names.length === 0) return { ok: false, message: "there are no files to import" };
    const kept = Object.keys(files).filter((name) => !Object.hasOwn(imported, name));
    for (const [index, name] of names.entries()) {
      const problem = codeFileNameProblem(name, [...kept, ...names.slice(0, index)]);
      if (problem) return { ok: false, message: `${name}: ${problem}` };
    }
    return { ok: true, files: { ...files, ...imported } };
  });
}

/** Switches a step whose code is an S3 URI (or unset) to inline files: the step type's starter files. */
export function switchToInlineCode(design: Design, stepId: string): CodeEdit {
  const step = design.steps.find((candidate) => candidate.id === stepId);
  if (!step) return { ok: false, message: `no step with id "${stepId}"` };
  if (inlineFilesOf(step)) return { ok: true, design };
  const starter = isStepTypeName(step.type) ? STARTER_FILES[step.type] : {};
  const entryPoint = entryPointOf(step);
  const files: Record<string, string> = { ...starter };
  if (entryPoint && !Object.hasOwn(files, entryPoint)) files[entryPoint] = "";
  const config = { ...step.config, code: { files } };
  return {
    ok: true,
    design: {
      ...design,
      steps: design.steps.map((candidate) =>
        candidate.id === stepId ? { ...candidate, config } : candidate,
      ),
    },
  };
}
