import { stepType, type StepTypeName } from "../../catalog";
import { ownEntry, setEntry } from "../../model";
import { sameJson, type JsonObject } from "./values";

/**
 * A config with the fields that equal the step type's defaults left out, as a person would write
 * it (the design file is sparse: docs/design-file.md). Undefined fields are dropped too.
 */
export function sparseConfig(type: StepTypeName, config: JsonObject): JsonObject {
  const defined = Object.fromEntries(
    Object.entries(config).filter(([, value]) => value !== undefined),
  );
  const schema = stepType(type)?.configSchema;
  if (!schema) return defined;
  const sparse: JsonObject = {};
  for (const [key, value] of Object.entries(defined)) {
    const without = { ...defined };
    delete without[key];
    const parsed = schema.safeParse(without);
    const fallback = parsed.success ? ownEntry(parsed.data as JsonObject, key) : undefined;
    if (!parsed.success || !sameJson(fallback, value)) setEntry(sparse, key, value);
  }
  return sparse;
}
