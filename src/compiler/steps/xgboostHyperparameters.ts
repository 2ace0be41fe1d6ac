import type { XGBoostTrainingConfig } from "../../catalog";
import type { CompileContext } from "../context";
import type { ResolvedStep } from "../validate";

/**
 * The XGBoost step's hyperparameters travel as a file in the `config` channel. The derived
 * `objective` and `eval_metric` follow cursus: binary for two classes, multi-class otherwise.
 */
export function xgboostHyperparameters(config: XGBoostTrainingConfig): Record<string, unknown> {
  const values: Record<string, unknown> = { ...config.hyperparameters };
  const classes = Array.isArray(values.multiclass_categories)
    ? values.multiclass_categories.length
    : 2;
  const binary = classes <= 2;
  if (values.objective === undefined)
    values.objective = binary ? "binary:logistic" : "multi:softmax";
  if (values.eval_metric === undefined)
    values.eval_metric = binary ? ["logloss", "auc"] : ["mlogloss", "merror"];
  if (!binary && values.num_class === undefined) values.num_class = classes;
  return values;
}

export function xgboostHyperparametersFile(
  context: CompileContext,
  resolved: ResolvedStep<"XGBoostTraining">,
): { uri: string; folderUri: string } {
  const folderUri = `${context.pipelineS3Loc}/hyperparameters/${resolved.step.name}/`;
  const uri = `${folderUri}hyperparameters.json`;
  const text = `${JSON.stringify(xgboostHyperparameters(resolved.config), null, 2)}\n`;
  context.addFileUpload(resolved.step, "hyperparameters", uri, text, "application/json");
  return { uri, folderUri };
}
