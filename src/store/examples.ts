import pytorchTabular from "../../examples/pytorch-tabular.pipeline.json";
import xgboostTabular from "../../examples/xgboost-tabular.pipeline.json";

/**
 * The bundled example designs, as files (validated when opened, like any other file). The first
 * is what a new session opens on.
 */
export const EXAMPLES: Record<string, unknown> = {
  "PyTorch tabular": pytorchTabular,
  "XGBoost tabular": xgboostTabular,
};

/**
 * Examples loaded when chosen, so their scripts stay out of the first bundle (its 300 kB budget):
 * the gated pipelines, which evaluate, gate and register the model (docs/gated-steps.md).
 */
export const LAZY_EXAMPLES: Record<string, () => Promise<unknown>> = {
  "PyTorch gated": () =>
    import("../../examples/pytorch-gated.pipeline.json").then((module) => module.default),
  "XGBoost gated": () =>
    import("../../examples/xgboost-gated.pipeline.json").then((module) => module.default),
};

/** Every example's name, in the order the chooser lists them. */
export const EXAMPLE_NAMES: readonly string[] = [
  ...Object.keys(EXAMPLES),
  ...Object.keys(LAZY_EXAMPLES),
];

/** An example's design file by name (loading it first when it is a lazy one); undefined if unknown. */
export async function exampleFile(name: string): Promise<unknown> {
  if (Object.hasOwn(EXAMPLES, name)) return EXAMPLES[name];
  return Object.hasOwn(LAZY_EXAMPLES, name) ? LAZY_EXAMPLES[name]!() : undefined;
}
