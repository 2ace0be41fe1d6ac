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
      /** Why there is nothing to diff: one side refused the design (or threw, or the schema). */
      refusal?: { by: "ours" | "SDK" | "schema"; message: string };
      /** What explains the case: known difference ids, or `?` patterns for the unexplained. */
      labels: string[];
      ours?: unknown;
      sdk?: unknown;
    };

type DefinitionStep = Record<string, unknown>;
const BRANCHES = ["IfSteps", "ElseSteps"] as const;

const stepList = (value: unknown) => (Array.isArray(value) ? value : []) as DefinitionStep[];

/** A Condition step's `IfSteps` / `ElseSteps`, when it has them as lists. */
function branchesOf(step: DefinitionStep): Record<string, unknown> | undefined {
  const args = step.Arguments;
  if (step.Type !== "Condition" || !args || typeof args !== "object") return undefined;
  const record = args as Record<string, unknown>;
  return BRANCHES.some((key) => Array.isArray(record[key])) ? record : undefined;
}

/** The step with its branch lists blanked (key order kept): they are diffed as step lists. */
function withoutBranches(step: DefinitionStep): DefinitionStep {
  const args = branchesOf(step);
  if (!args) return step;
  const blanked = Object.fromEntries(
    Object.entries(args).map(([key, value]) => [
      key,
      (BRANCHES as readonly string[]).includes(key) ? null : value,
    ]),
  );
  return { ...step, Arguments: blanked };
}

/**
 * Two step lists: names in order (one difference when they differ), then each step matched by
 * name, key by key; a Condition step's `IfSteps` / `ElseSteps` are step lists of their own.
 */
function diffSteps(ours: DefinitionStep[], sdk: DefinitionStep[], path: string): Difference[] {
  const differences: Difference[] = [];
  const names = (steps: DefinitionStep[]) => steps.map((step) => String(step.Name));
  if (names(ours).join("\u0000") !== names(sdk).join("\u0000"))
    differences.push({
      path: `${path}[*].Name`,
      ours: names(ours),
      sdk: names(sdk),
      kind: "value",
    });
  for (const step of ours) {
    const match = sdk.find((candidate) => candidate.Name === step.Name);
    if (!match) continue;
    const at = `${path}[${JSON.stringify(step.Name)}]`;
    differences.push(...diffJson(withoutBranches(step), withoutBranches(match), at));
    const [oursArgs, sdkArgs] = [branchesOf(step), branchesOf(match)];
    if (oursArgs && sdkArgs)
      for (const key of BRANCHES)
        if (Array.isArray(oursArgs[key]) && Array.isArray(sdkArgs[key]))
          differences.push(
            ...diffSteps(stepList(oursArgs[key]), stepList(sdkArgs[key]), `${at}.Arguments.${key}`),
          );
  }
  return differences;
}

/** Steps are matched by name (their order is one difference), then compared key by key. */
export function diffDefinitions(
  ours: Record<string, unknown>,
  sdk: Record<string, unknown>,
): Difference[] {
  const differences = diffJson({ ...ours, Steps: null }, { ...sdk, Steps: null });
  differences.push(...diffSteps(stepList(ours.Steps), stepList(sdk.Steps), "Steps"));
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
