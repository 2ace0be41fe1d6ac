import type { OutputSpec, SageMakerStepKind, StepTypeDefinition } from "../catalog";
import { closest, pieceAt } from "./containerPaths";
import { list, type Finding, type StepScripts } from "./context";
import { lineCanMatch, metricExample, printedLines } from "./metricSamples";
import { writtenModelFiles } from "./contents";
import type { CheckProfile } from "./profiles";
import { MODEL_DIR } from "./provision";
import { placeOf } from "./syntax";

/** Python's named groups in JavaScript's spelling; `null` for a regex JavaScript cannot compile. */
function metricRegex(source: string): RegExp | null {
  try {
    return new RegExp(source.replace(/\(\?P</g, "(?<"));
  } catch {
    return null;
  }
}

/** Each metric definition must be able to match some line the script prints or logs. */
export function metricFindings(step: StepScripts): Finding[] {
  const metrics = step.provision.metricDefinitions;
  const printed = step.scripts.flatMap(printedLines);
  const found: Finding[] = [];
  metrics.forEach((metric, index) => {
    const regex = metricRegex(metric.regex);
    if (!regex) return; // PD306 reports a regex that does not compile.
    const example = metricExample(metric.regex);
    if (printed.some((line) => lineCanMatch(line, regex, example))) return;
    found.push({
      code: "PD531",
      severity: "warning",
      message: `metric "${metric.name}" (${metric.regex}) matches no line the script prints or logs`,
      path: `metricDefinitions[${index}]`,
      ...(example ? { fix: { message: `print a line such as "${example}"` } } : {}),
    });
  });
  return found;
}

const ALLOWED_ROOTS = [
  "/opt/ml/processing/",
  "/opt/ml/input/data",
  "/opt/ml/model",
  "/opt/ml/output/data",
  "/opt/ml/checkpoints",
];
// Inputs a config field feeds rather than a link: DataLoad's inputDataUri, XGBoost's hyperparameters file.
const CONFIG_FED_INPUTS = new Set(["INPUT_DATA", "hyperparameters_s3_uri"]);
const TRAINING_PROPERTIES: Record<string, string> = {
  model_artifacts: "ModelArtifacts.S3ModelArtifacts",
  processing_output: "OutputDataConfig.S3OutputPath",
};

/** The property path each kind of SageMaker step exposes an output of a given logical name under. */
const EXPOSED: { readonly [K in SageMakerStepKind]: (output: OutputSpec) => string | undefined } = {
  Processing: (output) => `ProcessingOutputConfig.Outputs['${output.logicalName}'].S3Output.S3Uri`,
  Training: (output) => TRAINING_PROPERTIES[output.outputType],
  Model: () => "ModelName",
  RegisterModel: () => "ModelPackageArn",
  Transform: () => "TransformOutput.S3OutputPath",
  Condition: () => undefined,
  Fail: () => undefined,
};

/** Contract ↔ spec: every input and output named alike on both sides, paths under the allowed roots, valid property paths. */
export function specAlignmentFindings(
  definition: Pick<
    StepTypeDefinition,
    "type" | "contract" | "dependencies" | "outputs" | "sagemakerKind"
  >,
  profile: CheckProfile,
): Finding[] {
  const { contract, dependencies, outputs, sagemakerKind } = definition;
  // A step without a container has no contract to align.
  if (!profile.role) return [];
  const outside = new Set(profile.outsideContainer ?? []);
  const problems: string[] = [];
  for (const name of Object.keys(contract.inputPaths))
    if (
      !CONFIG_FED_INPUTS.has(name) &&
      !dependencies.some((dependency) => dependency.logicalName === name)
    )
      problems.push(`contract input ${name} is no dependency of the spec`);
  for (const dependency of dependencies)
    if (!outside.has(dependency.logicalName) && !(dependency.logicalName in contract.inputPaths))
      problems.push(`dependency ${dependency.logicalName} has no container path in the contract`);
  for (const name of Object.keys(contract.outputPaths))
    if (!outputs.some((output) => output.logicalName === name))
      problems.push(`contract output ${name} is no output of the spec`);
  for (const output of outputs) {
    if (output.outputType !== "custom_property" && !(output.logicalName in contract.outputPaths))
      problems.push(`output ${output.logicalName} has no container path in the contract`);
    const expected = EXPOSED[sagemakerKind](output);
    if (output.propertyPath !== expected)
      problems.push(
        `output ${output.logicalName} has property path ${output.propertyPath}; a ${sagemakerKind} step exposes ${expected ?? "no such output"}`,
      );
  }
  for (const path of [
    ...Object.values(contract.inputPaths),
    ...Object.values(contract.outputPaths),
  ])
    if (!ALLOWED_ROOTS.some((root) => path.startsWith(root)))
      problems.push(`container path ${path} is outside ${list(ALLOWED_ROOTS)}`);
  return problems.map((problem) => ({
    code: "PD532",
    severity: "error",
    message: `${definition.type}: ${problem}`,
    path: "type",
  }));
}

// Handlers of the SageMaker inference toolkits, with how many parameters each may take (the last optional: context).
const HANDLERS: Record<string, [number, number]> = {
  model_fn: [1, 2],
  input_fn: [2, 3],
  predict_fn: [2, 3],
  output_fn: [2, 3],
  transform_fn: [4, 5],
};

/** Inference handlers: model_fn present for PyTorch, and each handler's parameter count. */
export function handlerFindings(step: StepScripts): Finding[] {
  const entry = step.entry;
  if (!entry) return [];
  const found: Finding[] = [];
  const defined = new Set<string>();
  for (const definition of entry.functions) {
    if (definition.parent?.parent?.type !== "module" && definition.parent?.type !== "module")
      continue;
    const name = definition.childForFieldName("name")?.text ?? "";
    const range = HANDLERS[name];
    if (!range) continue;
    defined.add(name);
    const count = (definition.childForFieldName("parameters")?.namedChildren ?? []).filter(
      (parameter) =>
        parameter && !["list_splat_pattern", "dictionary_splat_pattern"].includes(parameter.type),
    ).length;
    if (count < range[0] || count > range[1])
      found.push({
        code: "PD533",
        severity: "error",
        message: `${name} takes ${count} parameter(s); SageMaker calls it with ${range[0]}${range[1] > range[0] ? ` (or ${range[1]} with context)` : ""}`,
        file: entry.file,
        place: placeOf(definition.childForFieldName("name") ?? definition),
      });
  }
  if (
    step.provision.framework === "pytorch" &&
    !defined.has("model_fn") &&
    !defined.has("transform_fn")
  )
    found.push({
      code: "PD533",
      severity: "warning",
      message:
        "no model_fn(model_dir): the PyTorch serving container then loads only a TorchScript model.pt",
    });
  return found;
}

/** Files the inference script loads from the model directory must be ones the training script writes there. */
export function modelFileFindings(
  model: StepScripts,
  training: StepScripts | undefined,
): Finding[] {
  const written = training ? writtenModelFiles(training) : null;
  if (!written || !training) return [];
  const found: Finding[] = [];
  const seen = new Set<string>();
  for (const script of model.scripts) {
    for (const use of script.paths) {
      if (!use.value.text.startsWith(`${MODEL_DIR}/`)) continue;
      if (use.value.open && !use.value.text.slice(MODEL_DIR.length + 1).includes("/")) continue;
      const name = use.value.text.slice(MODEL_DIR.length + 1).split("/")[0] as string;
      if (!name || name === "code" || written.has(name) || seen.has(name)) continue;
      seen.add(name);
      const at = pieceAt(use.value, MODEL_DIR.length + 1);
      const match = closest(name, written);
      found.push({
        code: "PD534",
        severity: "warning",
        message: `loads ${name} from the model directory, but ${training.provision.resolved.step.name}'s script writes only ${list([...written].sort())} there`,
        file: script.file,
        place: at ? placeOf(at.piece.node, at.within) : placeOf(use.node),
        ...(match
          ? { fix: { message: `did you mean ${match}?`, ...(at ? { replacement: match } : {}) } }
          : {}),
      });
    }
  }
  return found;
}
