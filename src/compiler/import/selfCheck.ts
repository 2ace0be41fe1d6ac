import { ownEntry, type Design } from "../../model";
import { contentHash, packSourceDir } from "../codeArchive";
import { compile } from "../compile";
import type { ImportContext, ImportNote } from "./context";
import { isObject, type JsonObject } from "./values";

const MAX_NOTES = 25;

/** Replaces every occurrence of the given URIs inside strings (also inside JSON-encoded strings). */
function tokenise(value: unknown, tokens: ReadonlyMap<string, string>): unknown {
  if (typeof value === "string") {
    let text = value;
    for (const [uri, token] of tokens) if (text.includes(uri)) text = text.split(uri).join(token);
    return text;
  }
  if (Array.isArray(value)) return value.map((item) => tokenise(item, tokens));
  if (isObject(value))
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, tokenise(item, tokens)]),
    );
  return value;
}

const show = (value: unknown) => {
  const text = value === undefined ? "nothing" : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
};

function diff(source: unknown, compiled: unknown, path: string, found: ImportNote[]): void {
  if (found.length >= MAX_NOTES) return;
  if (isObject(source) && isObject(compiled)) {
    for (const key of new Set([...Object.keys(source), ...Object.keys(compiled)]))
      diff(ownEntry(source, key), ownEntry(compiled, key), path ? `${path}.${key}` : key, found);
    return;
  }
  if (Array.isArray(source) && Array.isArray(compiled) && source.length === compiled.length) {
    source.forEach((item, index) => diff(item, compiled[index], `${path}[${index}]`, found));
    return;
  }
  if (JSON.stringify(source) === JSON.stringify(compiled)) return;
  found.push({
    path,
    message: `the definition has ${show(source)}; the imported design compiles to ${show(compiled)}`,
  });
}

/**
 * Compiles the imported design and lists where it differs from the definition it came from. Code
 * archives the import turned into inline files are compared by the step they belong to (their
 * keys differ by construction); the repack job's `source_dir` is any non-empty path on both sides
 * (the SDK puts a local directory there; `_repack_model.py` only tests that it is set).
 */
export function selfCheck(
  definition: JsonObject,
  design: Design,
  context: ImportContext,
): ImportNote[] {
  const result = compile(design);
  if (!result.ok) {
    return result.errors.map((error) => {
      const step = design.steps.find((candidate) => candidate.id === error.stepId);
      return {
        path: step ? `(design) ${step.name}.${error.path ?? ""}` : `(design) ${error.path ?? ""}`,
        message: `the imported design does not compile: ${error.code} ${error.message}`,
      };
    });
  }
  // Tokens name content, not keys: the SDK names one runproc.sh for every step that runs the same script.
  const filesToken = (stepId: string) => {
    const code = design.steps.find((step) => step.id === stepId)?.config.code as
      { files?: Record<string, string> } | undefined;
    return code?.files ? `<inline files ${contentHash(packSourceDir(code.files))}>` : undefined;
  };
  const sourceTokens = new Map<string, string>();
  for (const [uri, id] of context.inlinedCode) {
    const token = filesToken(id);
    if (token) sourceTokens.set(uri, token);
  }
  for (const [uri, entryPoint] of context.recoveredRunproc)
    sourceTokens.set(uri, `<runproc.sh running ${entryPoint}>`);
  const compiledTokens = new Map<string, string>();
  for (const upload of result.uploads) {
    if (upload.kind === "code") {
      const token = filesToken(upload.stepId);
      if (token) compiledTokens.set(upload.uri, token);
    } else if (upload.kind === "entrypoint") {
      const entryPoint = /^python (\S+) "\$@"$/m.exec(new TextDecoder().decode(upload.bytes))?.[1];
      compiledTokens.set(upload.uri, `<runproc.sh running ${entryPoint}>`);
    }
  }
  const source = tokenise(definition, sourceTokens) as JsonObject;
  const compiled = tokenise(JSON.parse(result.json), compiledTokens) as JsonObject;
  const found: ImportNote[] = [];
  const { Steps: sourceSteps, ...sourceRest } = source;
  const { Steps: compiledSteps, ...compiledRest } = compiled;
  diff(sourceRest, compiledRest, "", found);
  const compiledByName = new Map(
    (compiledSteps as JsonObject[]).map((step) => [String(step.Name), step] as const),
  );
  (sourceSteps as JsonObject[]).forEach((step, index) => {
    const at = `Steps[${index}](${String(step.Name)})`;
    const twin = compiledByName.get(String(step.Name));
    if (!twin) return; // a step left out was noted when it was left out
    diff(withoutRepackSourceDir(step), withoutRepackSourceDir(twin), at, found);
  });
  const order = (steps: unknown) => (steps as JsonObject[]).map((step) => String(step.Name));
  const kept = order(sourceSteps).filter((name) => compiledByName.has(name));
  if (
    kept.join("\n") !==
    order(compiledSteps)
      .filter((name) => kept.includes(name))
      .join("\n")
  )
    found.push({
      path: "Steps",
      message: `the steps come in another order: ${order(compiledSteps).join(", ")}`,
    });
  return found;
}

function withoutRepackSourceDir(step: JsonObject): JsonObject {
  // A condition's branches hold steps in full, repack steps among them.
  if (step.Type === "Condition" && isObject(step.Arguments)) {
    const branch = (steps: unknown) =>
      Array.isArray(steps)
        ? steps.map((inner) => (isObject(inner) ? withoutRepackSourceDir(inner) : inner))
        : steps;
    return {
      ...step,
      Arguments: {
        ...step.Arguments,
        IfSteps: branch(step.Arguments.IfSteps),
        ElseSteps: branch(step.Arguments.ElseSteps),
      },
    };
  }
  const args = step.Arguments as JsonObject | undefined;
  const hyperparameters = args?.HyperParameters as JsonObject | undefined;
  const sourceDir = hyperparameters?.source_dir;
  if (!String(step.Name).endsWith("-RepackModel-0") || typeof sourceDir !== "string") return step;
  const decoded = (() => {
    try {
      return JSON.parse(sourceDir) as unknown;
    } catch {
      return undefined;
    }
  })();
  if (typeof decoded !== "string" || decoded === "") return step;
  return {
    ...step,
    Arguments: {
      ...args,
      HyperParameters: { ...hyperparameters, source_dir: "<non-empty source_dir>" },
    },
  };
}
