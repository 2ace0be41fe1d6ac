import type { Diagnostic } from "../../model";

interface WithDiagnostics {
  diagnostics: Diagnostic[];
}

// One merged object per (compile, findings) pair, shared by every component that asks.
const merged = new WeakMap<object, { scripts: readonly Diagnostic[]; value: object }>();

/** The compile's diagnostics followed by the script checks' findings. */
export function withScriptDiagnostics<T extends WithDiagnostics>(
  compiled: T,
  scripts: readonly Diagnostic[],
): T {
  if (scripts.length === 0) return compiled;
  const cached = merged.get(compiled);
  if (cached?.scripts === scripts) return cached.value as T;
  const value = { ...compiled, diagnostics: [...compiled.diagnostics, ...scripts] };
  merged.set(compiled, { scripts, value });
  return value;
}
