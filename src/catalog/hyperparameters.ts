import { error, isParameterRef, type Diagnostic } from "../model";

export type HyperparameterKind = "string" | "number" | "integer" | "boolean" | "list";

/** A hyperparameter key the step type knows (cursus ModelHyperparameters), offered in forms. */
export interface KnownHyperparameter {
  key: string;
  kind: HyperparameterKind;
  required?: boolean;
  default?: unknown;
  min?: number;
  /** Exclusive lower bound, for ranges such as (0, 1]. */
  above?: number;
  max?: number;
  help: string;
}

const BASE: KnownHyperparameter[] = [
  { key: "id_name", kind: "string", required: true, help: "Column holding the row id" },
  { key: "label_name", kind: "string", required: true, help: "Column holding the label" },
  {
    key: "full_field_list",
    kind: "list",
    required: true,
    help: "Every column of the data, in order",
  },
  { key: "cat_field_list", kind: "list", required: true, help: "Categorical feature columns" },
  { key: "tab_field_list", kind: "list", required: true, help: "Numeric feature columns" },
  { key: "multiclass_categories", kind: "list", help: "Class values; num_classes is its length" },
  { key: "class_weights", kind: "list", help: "One weight per class" },
  { key: "header", kind: "integer", default: 0, help: "Header row index of the input files" },
];

export const PYTORCH_HYPERPARAMETERS: KnownHyperparameter[] = [
  ...BASE,
  { key: "lr", kind: "number", default: 3e-5, above: 0, help: "Learning rate" },
  { key: "batch_size", kind: "integer", min: 1, max: 1024, help: "Rows per batch" },
  { key: "max_epochs", kind: "integer", min: 1, max: 10, help: "Training epochs" },
  { key: "optimizer", kind: "string", default: "SGD", help: "Optimizer class name" },
  {
    key: "metric_choices",
    kind: "list",
    default: ["f1_score", "auroc"],
    help: "Metrics logged on validation",
  },
  { key: "device", kind: "integer", default: -1, help: "GPU index, -1 for all" },
];

export const XGBOOST_HYPERPARAMETERS: KnownHyperparameter[] = [
  ...BASE,
  { key: "num_round", kind: "integer", required: true, min: 1, help: "Boosting rounds" },
  { key: "max_depth", kind: "integer", required: true, min: 0, help: "Maximum tree depth" },
  { key: "eta", kind: "number", default: 0.3, min: 0, max: 1, help: "Step size shrinkage" },
  { key: "gamma", kind: "number", default: 0, min: 0, help: "Minimum loss reduction to split" },
  { key: "min_child_weight", kind: "number", default: 1, min: 0, help: "Minimum child weight" },
  { key: "subsample", kind: "number", above: 0, max: 1, help: "Row subsample ratio" },
  {
    key: "colsample_bytree",
    kind: "number",
    default: 1,
    above: 0,
    max: 1,
    help: "Column subsample ratio per tree",
  },
  { key: "lambda_xgb", kind: "number", default: 1, min: 0, help: "L2 regularisation" },
  { key: "alpha_xgb", kind: "number", default: 0, min: 0, help: "L1 regularisation" },
  {
    key: "tree_method",
    kind: "string",
    default: "auto",
    help: "auto, exact, approx, hist or gpu_hist",
  },
  { key: "booster", kind: "string", default: "gbtree", help: "gbtree, gblinear or dart" },
  {
    key: "scale_pos_weight",
    kind: "number",
    default: 1,
    min: 0,
    help: "Balance of positive and negative weights",
  },
  {
    key: "early_stopping_rounds",
    kind: "integer",
    min: 1,
    help: "Stop after this many rounds without improvement",
  },
  { key: "seed", kind: "integer", help: "Random seed" },
];

const LIST_FIELDS = ["cat_field_list", "tab_field_list"];

type Found = Omit<Diagnostic, "stepId">;

/** Checks hyperparameters against the known keys' kinds, ranges and the list relations. */
export function hyperparameterRules(
  known: KnownHyperparameter[],
  values: Record<string, unknown>,
): Found[] {
  const found: Found[] = [];
  const at = (key: string) => ({ path: `hyperparameters.${key}` });
  for (const spec of known) {
    const value = values[spec.key];
    if (value === undefined) {
      if (spec.required)
        found.push(
          error("PD109", `"${spec.key}" is required: ${spec.help.toLowerCase()}`, at(spec.key)),
        );
      continue;
    }
    if (isParameterRef(value)) continue;
    const problem = kindProblem(spec, value);
    if (problem) found.push(error("PD109", `"${spec.key}" ${problem}`, at(spec.key)));
  }
  const full = values.full_field_list;
  if (Array.isArray(full)) {
    for (const key of [...LIST_FIELDS, "id_name", "label_name"]) {
      const value = values[key];
      const entries = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
      const missing = entries.filter((entry) => !full.includes(entry));
      if (missing.length > 0) {
        found.push(
          error(
            "PD109",
            `"${key}" names ${missing.map((m) => `"${String(m)}"`).join(", ")}, not in full_field_list`,
            at(key),
          ),
        );
      }
    }
  }
  const classes = values.multiclass_categories;
  const weights = values.class_weights;
  if (Array.isArray(classes) && Array.isArray(weights) && classes.length !== weights.length) {
    found.push(
      error(
        "PD109",
        `"class_weights" needs one weight per class (${classes.length}), has ${weights.length}`,
        at("class_weights"),
      ),
    );
  }
  return found;
}

function kindProblem(spec: KnownHyperparameter, value: unknown): string | null {
  switch (spec.kind) {
    case "list":
      return Array.isArray(value) ? null : "must be a list";
    case "string":
      return typeof value === "string" ? null : "must be text";
    case "boolean":
      return typeof value === "boolean" ? null : "must be true or false";
    case "integer":
    case "number": {
      if (typeof value !== "number") return "must be a number";
      if (spec.kind === "integer" && !Number.isInteger(value)) return "must be a whole number";
      if (spec.min !== undefined && value < spec.min) return `must be ≥ ${spec.min}`;
      if (spec.above !== undefined && value <= spec.above) return `must be > ${spec.above}`;
      if (spec.max !== undefined && value > spec.max) return `must be ≤ ${spec.max}`;
      return null;
    }
  }
}
