import { closest } from "./containerPaths";
import { usesPath, type Finding, type StepScripts } from "./context";
import { hyperparameterReads, type HyperparameterReads } from "./hyperparameterReads";
import { HYPERPARAMETERS_FILE } from "./provision";

function readsOf(step: StepScripts): HyperparameterReads {
  const all = step.scripts.map((script) =>
    hyperparameterReads(script, step.provision.framework, HYPERPARAMETERS_FILE),
  );
  return {
    reads: all.flatMap((found) => found.reads),
    escapes: all.some((found) => found.escapes),
    argparse: all.some((found) => found.argparse),
    strictArgparse: all.some((found) => found.argparse && found.strictArgparse),
  };
}

/** Keys read but not set, keys set but not read, and hyperparameters set but never loaded. */
export function hyperparameterFindings(step: StepScripts): Finding[] {
  const { hyperparameters, userHyperparameters, framework } = step.provision;
  const { reads, escapes, argparse, strictArgparse } = readsOf(step);
  const found: Finding[] = [];
  const xgboost = framework === "xgboost";
  const loadsAny = xgboost
    ? usesPath(step, HYPERPARAMETERS_FILE)
    : reads.length > 0 || usesPath(step, "/opt/ml/input/config/hyperparameters.json");
  if (!loadsAny && userHyperparameters.length > 0) {
    found.push({
      code: "PD509",
      severity: "warning",
      message: xgboost
        ? `the step sets ${userHyperparameters.length} hyperparameter(s), but the script never reads ${HYPERPARAMETERS_FILE}`
        : `the step sets ${userHyperparameters.length} hyperparameter(s), but the script reads none (argparse options or SM_HPS)`,
    });
  }
  const reported = new Set<string>();
  for (const read of reads) {
    if (hyperparameters.has(read.key) || read.optional || reported.has(read.key)) continue;
    // The XGBoost estimator's one command-line hyperparameter is the file's URI.
    if (xgboost && read.via === "argparse" && read.key === "hyperparameters_s3_uri") continue;
    reported.add(read.key);
    const match = closest(read.key, userHyperparameters);
    const source = read.via === "argparse" ? `--${read.key}` : `"${read.key}"`;
    found.push({
      code: "PD521",
      severity: read.hard ? "error" : "warning",
      message: read.hard
        ? `the script needs hyperparameter ${source}, which the step does not set`
        : `the script reads hyperparameter ${source} without a default, and the step does not set it`,
      file: read.file,
      place: read.place,
      ...(match ? { fix: { message: `did you mean "${match}"?`, replacement: match } } : {}),
    });
  }
  const declared = new Set(reads.filter((read) => read.via === "argparse").map((read) => read.key));
  const readKeys = new Set(reads.map((read) => read.key));
  const commandLine = xgboost ? ["hyperparameters_s3_uri"] : userHyperparameters;
  if (strictArgparse) {
    const refused = commandLine.filter((key) => !declared.has(key));
    for (const key of refused) {
      found.push({
        code: "PD522",
        severity: "error",
        message: `SageMaker passes --${key}, which the script's parse_args() refuses; declare it or use parse_known_args()`,
        path: xgboost ? "code" : `hyperparameters.${key}`,
      });
    }
  }
  if (loadsAny && !escapes && (argparse || reads.length > 0 || xgboost)) {
    for (const key of userHyperparameters) {
      if (readKeys.has(key) || (strictArgparse && !xgboost && !declared.has(key))) continue;
      const match = closest(
        key,
        [...readKeys].filter((name) => !hyperparameters.has(name)),
      );
      found.push({
        code: "PD522",
        severity: "warning",
        message: `the step sets hyperparameter "${key}", but the script never reads it${match ? `; it reads "${match}"` : ""}`,
        path: `hyperparameters.${key}`,
      });
    }
  }
  return found;
}
