import { diagnose, type CheckName, type Diagnosis } from "../checks";
import { compile, type CompileResult } from "../compiler";
import type { Design, Diagnostic } from "../model";
import type { DesignStore } from "./designStore";
import { ScriptChecker, type ScriptCheckResult, type ScriptCheckWorker } from "./scriptChecker";

/** The definition schema check (PD401), loaded on demand: its validator is not in the first bundle. */
export type SchemaCheck = (design: Design, definition: unknown) => Diagnostic[];

export interface DiagnosticsOptions {
  /** A worker for the script checks; without one, scripts are not checked (no findings). */
  scriptWorker?: () => ScriptCheckWorker;
  /** Loads the schema check; without one, definitions are not schema-checked. */
  loadSchemaCheck?: () => Promise<SchemaCheck>;
}

// One compile per document version, shared by every reader.
const compiled = new WeakMap<Design, CompileResult>();

export function compiledFor(design: Design): CompileResult {
  let result = compiled.get(design);
  if (!result) {
    result = compile(design);
    compiled.set(design, result);
  }
  return result;
}

const NONE: readonly Diagnostic[] = [];

/**
 * The findings of the last script check that still apply to `design`: those of steps that still
 * exist with inline code (a deleted step's findings go at once, not after the next check).
 */
function applicable(result: ScriptCheckResult, design: Design): readonly Diagnostic[] {
  if (result.diagnostics.length === 0) return NONE;
  const inline = new Set(
    design.steps
      .filter((step) => {
        const code = step.config.code as { files?: unknown } | undefined;
        return code !== undefined && code !== null && typeof code === "object" && "files" in code;
      })
      .map((step) => step.id),
  );
  const kept = result.diagnostics.filter((diagnostic) => inline.has(diagnostic.stepId ?? ""));
  return kept.length === result.diagnostics.length ? result.diagnostics : kept;
}

export type Diagnostics = ReturnType<typeof createDiagnostics>;

interface SchemaFindings {
  json: string;
  diagnostics: readonly Diagnostic[];
}

/**
 * The one list of problems of the open document (`diagnose`): the compile, memoised per document
 * version, then the schema check and the script checks, which run after edits settle and are
 * merged in when they answer. Until then the last findings stay shown and `pending` says which
 * checks are still running.
 */
export function createDiagnostics(store: DesignStore, options: DiagnosticsOptions = {}) {
  const checker = options.scriptWorker ? new ScriptChecker(options.scriptWorker) : null;
  const listeners = new Set<() => void>();
  let schema: SchemaFindings | null = null;
  let schemaCheck: Promise<SchemaCheck> | null = null;
  let schemaTimer: ReturnType<typeof setTimeout> | undefined;
  let snapshot: {
    design: Design;
    scripts: ScriptCheckResult | null;
    schema: SchemaFindings | null;
    diagnosis: Diagnosis;
  } | null = null;

  const notify = () => {
    for (const listener of listeners) listener();
  };

  /** Schema-checks the current definition now (cached by its JSON); throws when the check cannot load. */
  const checkSchema = async (): Promise<void> => {
    const design = store.getState().design;
    const result = compiledFor(design);
    if (!options.loadSchemaCheck || !result.ok || schema?.json === result.json) return;
    schemaCheck ??= options.loadSchemaCheck();
    let check: SchemaCheck;
    try {
      check = await schemaCheck;
    } catch (error) {
      schemaCheck = null;
      throw error;
    }
    schema = { json: result.json, diagnostics: check(design, result.definition) };
    notify();
  };

  const requestSchema = (design: Design) => {
    const result = compiledFor(design);
    if (!options.loadSchemaCheck || !result.ok || schema?.json === result.json) return;
    clearTimeout(schemaTimer);
    schemaTimer = setTimeout(
      () =>
        // A check that cannot load is tried again on the next edit; the compile's list stands.
        void checkSchema().catch((error: unknown) =>
          console.warn(`schema check: ${error instanceof Error ? error.message : String(error)}`),
        ),
      SETTLE_MS,
    );
  };

  const onDesign = (design: Design) => {
    checker?.request(design);
    requestSchema(design);
  };
  store.subscribe((state, previous) => {
    if (state.design !== previous.design) onDesign(state.design);
  });
  checker?.subscribe(notify);
  onDesign(store.getState().design);

  /** The diagnosis of the current document; the same object until something in it changes. */
  const current = (): Diagnosis => {
    const design = store.getState().design;
    const scripts = checker ? checker.snapshot() : null;
    if (
      snapshot &&
      snapshot.design === design &&
      snapshot.scripts === scripts &&
      snapshot.schema === schema
    )
      return snapshot.diagnosis;
    const result = compiledFor(design);
    const pending: ("schema" | "scripts")[] = [];
    if (options.loadSchemaCheck && result.ok && schema?.json !== result.json)
      pending.push("schema");
    if (checker && !checker.answered(design)) pending.push("scripts");
    const diagnosis = diagnose(
      result,
      {
        schema: options.loadSchemaCheck ? (schema?.diagnostics ?? NONE) : NONE,
        scripts: scripts ? applicable(scripts, design) : NONE,
      },
      pending,
    );
    snapshot = { design, scripts, schema, diagnosis };
    return diagnosis;
  };

  const subscribe = (listener: () => void) => {
    listeners.add(listener);
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.design !== previous.design) listener();
    });
    return () => {
      listeners.delete(listener);
      unsubscribe();
    };
  };

  /** The diagnosis once the given checks have answered for the document as it is then. */
  const settled = (checks: readonly CheckName[] = ["schema", "scripts"]): Promise<Diagnosis> =>
    new Promise((resolve) => {
      const check = () => {
        const diagnosis = current();
        if (diagnosis.pending.some((name) => checks.includes(name))) return false;
        resolve(diagnosis);
        return true;
      };
      if (check()) return;
      const unsubscribe = subscribe(() => check() && unsubscribe());
    });

  /**
   * The submit review's gate: the diagnosis with the schema check run for the definition as it
   * is now (not after the settle delay). Rejects when the check cannot run.
   */
  const withSchemaChecked = async (): Promise<Diagnosis> => {
    await checkSchema();
    return current();
  };

  return { current, subscribe, settled, withSchemaChecked };
}

/** How long edits must pause before the schema check runs (the script checks wait as long). */
const SETTLE_MS = 300;
