// Labels for the differences README.md lists under "Known differences found". A label only
// groups the report (how many cases each open issue explains); a labelled case still counts
// as differing. Anything without a label is new and printed as "unexplained".
import type { Difference } from "./diff";

interface KnownDifference {
  id: string;
  title: string;
  difference?: (difference: Difference, design: unknown) => boolean;
  refusal?: (message: string, design: unknown) => boolean;
}

// None open: K1–K8 of the first runs are fixed (README.md). Add an entry here when a new
// difference is found and cannot be fixed at once, so the report groups its cases.
export const KNOWN: KnownDifference[] = [];

/** The known difference that explains this one, if any. */
export function explainDifference(difference: Difference, design: unknown): string | undefined {
  return KNOWN.find((known) => known.difference?.(difference, design))?.id;
}

/** The known difference that explains an SDK refusal, if any. */
export function explainRefusal(message: string, design: unknown): string | undefined {
  return KNOWN.find((known) => known.refusal?.(message, design))?.id;
}
