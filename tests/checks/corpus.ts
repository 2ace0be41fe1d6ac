// The script-check corpus: small scripts in corpus/, each placed into an example design as one
// step's entry point. A script declares its context and its expected findings in comments:
//   # step: XGBoostTraining                      which step of the example it replaces
//   # config: {"hyperparameters": {"eta": 0.3}}  merged over that step's config
//   # expect-file: PD503 PD517                   findings about the file as a whole (no line)
//   x = "/opt/ml/input/data/trian"  # expect: PD502   a finding on this line
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadDesignText, type Design } from "../../src/model";

export const CORPUS_DIR = join(import.meta.dirname, "corpus");

export interface CorpusCase {
  name: string;
  source: string;
  design: Design;
  stepId: string;
  entryPoint: string;
  /** `PD502@12` for a finding on line 12, `PD517@file` for one about the whole file; sorted. */
  expected: string[];
}

const STEP_IDS: Record<string, { example: string; id: string }> = {
  DataLoad: { example: "pytorch-tabular", id: "load" },
  TabularPreprocessing: { example: "pytorch-tabular", id: "prep" },
  PyTorchTraining: { example: "pytorch-tabular", id: "train" },
  PyTorchModel: { example: "pytorch-tabular", id: "model" },
  XGBoostTraining: { example: "xgboost-tabular", id: "train" },
  XGBoostModel: { example: "xgboost-tabular", id: "model" },
  XGBoostEvaluation: { example: "xgboost-gated", id: "evaluate" },
  PyTorchEvaluation: { example: "pytorch-gated", id: "evaluate" },
  PyTorchRegisterModel: { example: "pytorch-gated", id: "register" },
  XGBoostRegisterModel: { example: "xgboost-gated", id: "register" },
};

export function example(name: string): Design {
  const root = join(import.meta.dirname, "..", "..", "examples");
  const loaded = loadDesignText(readFileSync(join(root, `${name}.pipeline.json`), "utf8"));
  if (loaded.kind !== "ok") throw new Error(`examples/${name}.pipeline.json does not load`);
  return loaded.design;
}

function header(source: string, key: string): string | undefined {
  const prefix = `# ${key}:`;
  return source
    .split("\n")
    .find((line) => line.startsWith(prefix))
    ?.slice(prefix.length)
    .trim();
}

export function corpusCase(name: string): CorpusCase {
  const source = readFileSync(join(CORPUS_DIR, name), "utf8");
  const stepType = header(source, "step");
  const where = stepType ? STEP_IDS[stepType] : undefined;
  if (!where)
    throw new Error(`${name}: "# step:" must name one of ${Object.keys(STEP_IDS).join(", ")}`);
  const config = JSON.parse(header(source, "config") ?? "{}") as Record<string, unknown>;
  const design = example(where.example);
  const step = design.steps.find((candidate) => candidate.id === where.id);
  if (!step) throw new Error(`${name}: no step ${where.id}`);
  const entryPoint = String(config.entryPoint ?? step.config.entryPoint ?? defaultEntry(stepType!));
  Object.assign(step.config, config, { code: { files: { [entryPoint]: source } } });
  const expected = [
    ...(header(source, "expect-file") ?? "")
      .split(/\s+/)
      .filter(Boolean)
      .map((code) => `${code}@file`),
    ...source.split("\n").flatMap((line, index) => {
      const marker = line.indexOf("# expect:");
      if (marker < 0 || line.startsWith("# expect")) return [];
      return line
        .slice(marker + "# expect:".length)
        .trim()
        .split(/\s+/)
        .map((code) => `${code}@${index + 1}`);
    }),
  ].sort();
  return { name, source, design, stepId: where.id, entryPoint, expected };
}

function defaultEntry(stepType: string): string {
  return (
    {
      DataLoad: "data_loading.py",
      TabularPreprocessing: "tabular_preprocessing.py",
      PyTorchTraining: "train.py",
      XGBoostTraining: "xgboost_training.py",
      XGBoostEvaluation: "model_evaluation.py",
      PyTorchEvaluation: "model_evaluation.py",
    }[stepType] ?? "inference.py"
  );
}

export const corpusNames = () =>
  readdirSync(CORPUS_DIR)
    .filter((file) => file.endsWith(".py"))
    .sort();
