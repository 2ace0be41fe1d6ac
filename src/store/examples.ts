/**
 * The bundled example designs, as files (validated when opened, like any other file), in the
 * order the chooser lists them. Each is loaded when it is opened, so its scripts stay out of the
 * first bundle (its 300 kB budget): the gated pipelines, which evaluate, gate and register the
 * model (docs/gated-steps.md), and the tabular ones (load → preprocess → train → model).
 */
export const EXAMPLES: Record<string, () => Promise<unknown>> = {
  "PyTorch gated": () =>
    import("../../examples/pytorch-gated.pipeline.json").then((module) => module.default),
  "XGBoost gated": () =>
    import("../../examples/xgboost-gated.pipeline.json").then((module) => module.default),
  "PyTorch tabular": () =>
    import("../../examples/pytorch-tabular.pipeline.json").then((module) => module.default),
  "XGBoost tabular": () =>
    import("../../examples/xgboost-tabular.pipeline.json").then((module) => module.default),
};

/** The example a new session opens on (the default demo): the gated PyTorch pipeline. */
export const DEFAULT_EXAMPLE = "PyTorch gated";

/** Every example's name, in the order the chooser lists them. */
export const EXAMPLE_NAMES: readonly string[] = Object.keys(EXAMPLES);

/** An example's design file by name (loading it first); undefined if unknown. */
export async function exampleFile(name: string): Promise<unknown> {
  return Object.hasOwn(EXAMPLES, name) ? EXAMPLES[name]!() : undefined;
}
