import pytorchTabular from "../../examples/pytorch-tabular.pipeline.json";
import xgboostTabular from "../../examples/xgboost-tabular.pipeline.json";

/** The bundled example designs, as files (validated when opened, like any other file). */
export const EXAMPLES: Record<string, unknown> = {
  "PyTorch tabular": pytorchTabular,
  "XGBoost tabular": xgboostTabular,
};
