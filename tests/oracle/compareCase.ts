// One case: our compiled definition against the SDK's, both normalised (README.md's table), then
// diffed; every difference is labelled with the known difference that explains it, if any.
import type { CompileResult } from "../../src/compiler";
import { diffJson, type Difference } from "./diff";
import { explainDifference, explainRefusal } from "./known";
import { normaliseDefinition, ourObjects } from "./normalise";
import type { OracleResult } from "./runOracle";

export type Outcome =
  | { equal: true }
  | {
      equal: false;
      differences: Difference[];
      /** Why there is nothing to diff: one side refused the design. */
      refusal?: { by: "ours" | "SDK"; message: string };
      /** What explains the case: known difference ids, or `?` patterns for the unexplained. */
      labels: string[];
      ours?: unknown;
      sdk?: unknown;
    };

/** Steps are matched by name (their order is one difference), then compared key by key. */
export function diffDefinitions(
  ours: Record<string, unknown>,
  sdk: Record<string, unknown>,
): Difference[] {
  const stepsOf = (definition: Record<string, unknown>) =>
    (Array.isArray(definition.Steps) ? definition.Steps : []) as Record<string, unknown>[];
  const oursSteps = stepsOf(ours);
  const sdkSteps = stepsOf(sdk);
  const differences = diffJson({ ...ours, Steps: null }, { ...sdk, Steps: null });
  const names = (steps: Record<string, unknown>[]) => steps.map((step) => String(step.Name));
  if (names(oursSteps).join("\u0000") !== names(sdkSteps).join("\u0000"))
    differences.push({
      path: "Steps[*].Name",
      ours: names(oursSteps),
      sdk: names(sdkSteps),
      kind: "value",
    });
  for (const step of oursSteps) {
    const match = sdkSteps.find((candidate) => candidate.Name === step.Name);
    if (match) differences.push(...diffJson(step, match, `Steps[${JSON.stringify(step.Name)}]`));
  }
  return differences;
}

/** `Steps["X"].Arguments.Foo[2]` → `Steps[*].Arguments.Foo[*] (value)`: differences by kind. */
export const pattern = (difference: Difference) =>
  `${difference.path.replace(/\[[^\]]*\]/g, "[*]")} (${difference.kind})`;

const lastLine = (message: string) =>
  message.trim().split("\n").filter(Boolean).pop()?.slice(0, 160) ?? "";

export function compareCase(
  design: unknown,
  compiled: CompileResult,
  oracle: OracleResult,
): Outcome {
  if (!compiled.ok) {
    const message = compiled.errors.map((e) => `${e.code} ${e.message}`).join("; ");
    return {
      equal: false,
      differences: [],
      refusal: { by: "ours", message },
      labels: [`? our compiler refuses it: ${message.slice(0, 120)}`],
    };
  }
  if (!oracle.ok) {
    const known = explainRefusal(oracle.error, design);
    return {
      equal: false,
      differences: [],
      refusal: { by: "SDK", message: oracle.error },
      labels: [known ?? `? the SDK refuses it: ${lastLine(oracle.error)}`],
    };
  }
  const ours = normaliseDefinition(JSON.parse(compiled.json), ourObjects(compiled.uploads));
  const sdk = normaliseDefinition(
    JSON.parse(oracle.definition),
    new Map(Object.entries(oracle.objects)),
  );
  const differences = diffDefinitions(ours, sdk);
  if (differences.length === 0) return { equal: true };
  const labels = new Set(differences.map((d) => explainDifference(d, design) ?? `? ${pattern(d)}`));
  return { equal: false, differences, labels: [...labels].sort(), ours, sdk };
}
