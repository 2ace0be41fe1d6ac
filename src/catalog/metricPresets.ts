import type { MetricDefinition } from "./fields";

/** Logger-style metrics (PyTorch Lightning `self.log`), the PyTorch default. */
export const LOGGER_STYLE_METRICS: MetricDefinition[] = [
  { name: "Train Loss", regex: "train_loss=([0-9\\.]+)" },
  { name: "Validation Loss", regex: "val_loss=([0-9\\.]+)" },
  { name: "Validation F1 Score", regex: "val/f1_score=([0-9\\.]+)" },
  { name: "Validation AUC ROC", regex: "val/auroc=([0-9\\.]+)" },
];

/** Label-style metrics (`Train Loss: 0.12`), the XGBoost default. */
export const LABEL_STYLE_METRICS: MetricDefinition[] = [
  { name: "Train Loss", regex: "Train Loss: ([0-9\\.]+)" },
  { name: "Validation Loss", regex: "Validation Loss: ([0-9\\.]+)" },
  { name: "Validation F1 Score", regex: "Validation F1 Score: ([0-9\\.]+)" },
  { name: "Validation AUC ROC", regex: "Validation AUC ROC: ([0-9\\.]+)" },
];

export const METRIC_PRESETS = {
  "Logger style": LOGGER_STYLE_METRICS,
  "Label style": LABEL_STYLE_METRICS,
} as const;
