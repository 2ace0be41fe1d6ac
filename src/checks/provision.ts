import { XGBOOST_DATA_CHANNELS, type StepCode, type XGBoostTrainingConfig } from "../catalog";
import type { CompileResult, ResolvedStep } from "../compiler";
import { xgboostHyperparameters } from "../compiler/steps/xgboostHyperparameters";
import type { Design } from "../model";

export const CHANNEL_ROOT = "/opt/ml/input/data";
export const MODEL_DIR = "/opt/ml/model";
export const OUTPUT_DATA_DIR = "/opt/ml/output/data";
export const HYPERPARAMETERS_FILE = `${CHANNEL_ROOT}/config/hyperparameters.json`;

export interface Channel {
  name: string;
  path: string;
}

/** A contract input or output: its logical name, container path and whether a link or setting feeds it. */
export interface ContractPort {
  name: string;
  path: string;
  linked: boolean;
}

/** What a step's container is given: the compiler's channels, inputs, env and hyperparameters. */
export interface StepProvision {
  resolved: ResolvedStep;
  kind: "Processing" | "Training" | "Model";
  framework: string;
  files: Record<string, string>;
  entryPoint: string;
  channels: Channel[];
  inputs: ContractPort[];
  outputs: ContractPort[];
  /** Directories whose contents the script chooses (a channel, the model dir); anything below is fine. */
  openDirs: string[];
  /** Files and directories SageMaker itself provides below /opt/ml. */
  knownPaths: string[];
  /** The container's environment keys, when the design compiles (else not known). */
  env: Set<string> | null;
  /** Env the contract requires or a typed config field sets, which the script should read. */
  expectedEnv: { name: string; reason: string }[];
  /** Hyperparameter keys the script can read: the user's plus what the compiler adds. */
  hyperparameters: Set<string>;
  /** The keys the user set (the reverse check only asks about these). */
  userHyperparameters: string[];
}

const TRAINING_KNOWN = [
  "/opt/ml/input/config/hyperparameters.json",
  "/opt/ml/input/config/resourceconfig.json",
  "/opt/ml/input/config/inputdataconfig.json",
  "/opt/ml/input/config/trainingjobconfig.json",
  "/opt/ml/output/failure",
  "/opt/ml/output/intermediate",
  "/opt/ml/output/metrics",
  "/opt/ml/output/tensorboard",
  "/opt/ml/code",
];
const PROCESSING_KNOWN = [
  "/opt/ml/processing/input/code",
  "/opt/ml/processing/input/entrypoint",
  "/opt/ml/config/processingjobconfig.json",
  "/opt/ml/config/resourceconfig.json",
  "/opt/ml/output/failure",
  "/opt/ml/output/message",
];
// The framework estimators' sagemaker_* keys (src/compiler/steps/training.ts frameworkHyperparameters).
const FRAMEWORK_KEYS = [
  "sagemaker_submit_directory",
  "sagemaker_program",
  "sagemaker_container_log_level",
  "sagemaker_region",
];

function compiledArguments(
  compiled: CompileResult,
  stepName: string,
): Record<string, unknown> | null {
  if (!compiled.ok) return null;
  const step = compiled.definition.Steps.find((candidate) => candidate.Name === stepName);
  return step?.Arguments ?? null;
}

/**
 * The provision of each step with inline code, from the catalog contract, the links of the
 * design and, when it compiles, the compiled definition (the env and channels the service gets).
 */
export function stepProvisions(
  design: Design,
  resolved: Map<string, ResolvedStep>,
  compiled: CompileResult,
): StepProvision[] {
  const linkedInputs = new Set(design.edges.map((edge) => `${edge.to.step}\u0000${edge.to.input}`));
  const linkedOutputs = new Set(
    design.edges.map((edge) => `${edge.from.step}\u0000${edge.from.output}`),
  );
  const provisions: StepProvision[] = [];
  for (const step of design.steps) {
    const found = resolved.get(step.id);
    const code = found?.config.code as StepCode | undefined;
    if (!found || !code || !("files" in code)) continue;
    const { definition, config } = found;
    const contract = definition.contract;
    const kind = definition.sagemakerKind;
    const fed = (name: string) =>
      linkedInputs.has(`${step.id}\u0000${name}`) ||
      (name === "INPUT_DATA" && config.inputDataUri !== undefined);
    const inputs = Object.entries(contract.inputPaths)
      .filter(([name]) => kind === "Processing" || name === "model_data")
      .map(([name, path]) => ({ name, path, linked: fed(name) }));
    const outputs = Object.entries(contract.outputPaths).map(([name, path]) => ({
      name,
      path,
      linked: linkedOutputs.has(`${step.id}\u0000${name}`),
    }));
    const args = compiledArguments(compiled, step.name);
    const channels = trainingChannels(kind, definition.framework, args);
    const env = args ? new Set(Object.keys((args.Environment as object | undefined) ?? {})) : null;
    const userEnv = new Set(Object.keys((config.env as Record<string, string> | undefined) ?? {}));
    const expectedEnv = [
      ...contract.requiredEnv.map((name) => ({ name, reason: "the step's contract requires it" })),
      ...[...(env ?? [])]
        .filter((name) => !userEnv.has(name) && !contract.requiredEnv.includes(name))
        .map((name) => ({ name, reason: "the step's settings set it" })),
    ];
    const userHyperparameters = Object.keys((config.hyperparameters as object | undefined) ?? {});
    const checkpoint = config.checkpoint as { enabled: boolean; localPath: string } | undefined;
    provisions.push({
      resolved: found,
      kind,
      framework: definition.framework,
      files: code.files,
      entryPoint: String(config.entryPoint),
      channels,
      inputs,
      outputs,
      openDirs: [
        // The config channel holds only hyperparameters.json (a known path below).
        ...channels.filter((channel) => channel.name !== "config").map((channel) => channel.path),
        ...inputs.map((input) => input.path),
        ...outputs.map((output) => output.path),
        ...(kind === "Training" ? [MODEL_DIR, OUTPUT_DATA_DIR, "/opt/ml/checkpoints"] : []),
        ...(checkpoint?.enabled ? [checkpoint.localPath] : []),
        ...(kind === "Model" ? [MODEL_DIR] : []),
      ],
      knownPaths: [
        ...(kind === "Training" ? TRAINING_KNOWN : kind === "Processing" ? PROCESSING_KNOWN : []),
        ...(channels.some((channel) => channel.name === "config") ? [HYPERPARAMETERS_FILE] : []),
      ],
      env,
      expectedEnv,
      hyperparameters: new Set([
        ...(definition.framework === "xgboost"
          ? Object.keys(xgboostHyperparameters(config as XGBoostTrainingConfig))
          : userHyperparameters),
        ...(kind === "Training" ? FRAMEWORK_KEYS : []),
      ]),
      userHyperparameters,
    });
  }
  return provisions;
}

/** The channels the compiler gives a training job: those compiled, else what it would compile. */
function trainingChannels(
  kind: string,
  framework: string,
  args: Record<string, unknown> | null,
): Channel[] {
  if (kind !== "Training") return [];
  const compiled = args?.InputDataConfig as { ChannelName: string }[] | undefined;
  if (compiled)
    return compiled.map(({ ChannelName: name }) => ({ name, path: `${CHANNEL_ROOT}/${name}` }));
  if (framework === "xgboost")
    return [
      ...Object.keys(XGBOOST_DATA_CHANNELS).map((name) => ({
        name,
        path: `${CHANNEL_ROOT}/${name}`,
      })),
      { name: "config", path: `${CHANNEL_ROOT}/config` },
    ];
  return [{ name: "data", path: `${CHANNEL_ROOT}/data` }];
}
