import { useEffect, useMemo, useSyncExternalStore } from "react";
import type { Design, Diagnostic } from "../../model";
import { ScriptChecker, type ScriptCheckResult } from "./scriptChecker";

const NONE: readonly Diagnostic[] = [];

let checker: ScriptChecker | undefined;

// One checker per page, created on first use; its worker starts with the first check.
function pageChecker(): ScriptChecker {
  checker ??= new ScriptChecker(
    () => new Worker(new URL("./scriptChecks.worker.ts", import.meta.url), { type: "module" }),
  );
  return checker;
}

/**
 * The findings of the last check that still apply to `design`: those of steps that still exist
 * with inline code (a deleted step's findings go at once, not after the next check).
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

/** The script-check findings for the document, checked in a worker after edits settle. */
export function useScriptDiagnostics(design: Design): readonly Diagnostic[] {
  const checks = pageChecker();
  useEffect(() => checks.request(design), [checks, design]);
  const result = useSyncExternalStore(checks.subscribe, checks.snapshot);
  return useMemo(() => applicable(result, design), [result, design]);
}
