/**
 * The definition the Diff view compares against. Export and submit call
 * `setDefinitionBaseline(json, label)`; until then the baseline is the definition the app
 * compiled first ("when opened"). Module-level on purpose: one baseline per page.
 */
export interface DefinitionBaseline {
  json: string;
  /** Shown next to the Diff toggle, e.g. "when opened", "last export", "submitted 12:03". */
  label: string;
}

let baseline: DefinitionBaseline | null = null;
const listeners = new Set<() => void>();

function emit(): void {
  for (const listener of listeners) listener();
}

/** Sets the baseline the Diff view compares the current definition with. */
export function setDefinitionBaseline(json: string, label: string): void {
  if (baseline?.json === json && baseline.label === label) return;
  baseline = { json, label };
  emit();
}

/** Sets the default baseline only when none is set yet. */
export function ensureDefinitionBaseline(json: string, label = "when opened"): void {
  if (!baseline) setDefinitionBaseline(json, label);
}

/** The current baseline (the same object until it changes), or null before any. */
export function getDefinitionBaseline(): DefinitionBaseline | null {
  return baseline;
}

/** Subscribes to baseline changes (the shape `useSyncExternalStore` expects). */
export function subscribeDefinitionBaseline(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Forgets the baseline (tests, or a new document). */
export function clearDefinitionBaseline(): void {
  if (!baseline) return;
  baseline = null;
  emit();
}
