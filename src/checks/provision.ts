import { XGBOOST_DATA_CHANNELS, type Framework, type MetricDefinition } from "../catalog";
import type { CompileResult, ResolvedStep } from "../compiler";
import { xgboostHyperparameters } from "../compiler/steps/xgboostHyperparameters";
import type { Design } from "../model";
import {
  CHECK_PROFILES,
  containerOf,
  type CheckProfile,
  type Container,
  type ScriptRole,
} from "./profiles";

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
  /** For an input: the step output the link brings (what it holds is that step's to say). */
  source?: { stepId: string; output: string };
}

/** What a step's container is given: the compiler's channels, inputs, env and hyperparameters. */
export interface StepProvision {
  resolved: ResolvedStep;
  /** What the step's code is (its type's check profile). */
  role: ScriptRole;
  container: Container;
  profile: CheckProfile;
  /** The image family; `null` never reaches here (types without a container have no code). */
  framework: Framework;
  files: Record<string, string>;
  entryPoint: string;
  channels: Channel[];
  inputs: ContractPort[];
  outputs: ContractPort[];
  /** Container folders a link fills with another step's output (for a training job, its channels). */
  upstream: { name: string; path: string; source: { stepId: string; output: string } }[];
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
  /** A training step's metric definitions (the regexes its log lines must match). */
  metricDefinitions: readonly MetricDefinition[];
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

/** Inline files of a step's code, when its code is inline. */
export function inlineFiles(resolved: ResolvedStep): Record<string, string> | undefined {
  const code = "code" in resolved.config ? resolved.config.code : undefined;
  return code && "files" in code ? code.files : undefined;
}

/** The keys the compiler gives a training step's hyperparameters, or none for other steps. */
function hyperparameterKeys(resolved: ResolvedStep): { all: string[]; user: string[] } {
  if (resolved.type === "XGBoostTraining")
    return {
      all: Object.keys(xgboostHyperparameters(resolved.config)),
      user: Object.keys(resolved.config.hyperparameters),
    };
  if (resolved.type === "PyTorchTraining") {
    const user = Object.keys(resolved.config.hyperparameters);
    return { all: user, user };
  }
  return { all: [], user: [] };
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
  const feeding = new Map(
    design.edges.map((edge) => [`${edge.to.step}\u0000${edge.to.input}`, edge.from] as const),
  );
  const linkedOutputs = new Set(
    design.edges.map((edge) => `${edge.from.step}\u0000${edge.from.output}`),
  );
  const provisions: StepProvision[] = [];
  for (const step of design.steps) {
    const found = resolved.get(step.id);
    if (!found) continue;
    const profile = CHECK_PROFILES[found.type];
    const files = inlineFiles(found);
    const { definition, config } = found;
    if (!profile.role || !files || !definition.framework || !("entryPoint" in config)) continue;
    const role = profile.role;
    const container = containerOf(role);
    const contract = definition.contract;
    const inputs = Object.entries(contract.inputPaths)
      .filter(() => container !== "training")
      .map(([name, path]): ContractPort => {
        const from = feeding.get(`${step.id}\u0000${name}`);
        const configured =
          name === "INPUT_DATA" &&
          found.type === "DataLoad" &&
          found.config.inputDataUri !== undefined;
        return {
          name,
          path,
          linked: from !== undefined || configured,
          ...(from ? { source: { stepId: from.step, output: from.output } } : {}),
        };
      });
    const outputs = Object.entries(contract.outputPaths).map(([name, path]) => ({
      name,
      path,
      linked: linkedOutputs.has(`${step.id}\u0000${name}`),
    }));
    const args = compiledArguments(compiled, step.name);
    const channels = trainingChannels(container, definition.framework, args);
    // A training job sees a link's data as a channel; XGBoost's input is split over three of them.
    const upstream = Object.entries(contract.inputPaths).flatMap(([name, path]) => {
      const from = feeding.get(`${step.id}\u0000${name}`);
      const reaches =
        container === "processing" ||
        (container === "training" && channels.some((channel) => channel.path === path));
      return from && reaches
        ? [{ name, path, source: { stepId: from.step, output: from.output } }]
        : [];
    });
    const env = args ? new Set(Object.keys((args.Environment as object | undefined) ?? {})) : null;
    const userEnv = new Set(Object.keys("env" in config ? config.env : {}));
    const expectedEnv = [
      ...contract.requiredEnv.map((name) => ({ name, reason: "the step's contract requires it" })),
      ...[...(env ?? [])]
        .filter((name) => !userEnv.has(name) && !contract.requiredEnv.includes(name))
        .map((name) => ({ name, reason: "the step's settings set it" })),
    ];
    const keys = hyperparameterKeys(found);
    const checkpoint = "checkpoint" in config ? config.checkpoint : undefined;
    provisions.push({
      resolved: found,
      role,
      container,
      profile,
      framework: definition.framework,
      files,
      entryPoint: config.entryPoint,
      channels,
      inputs,
      outputs,
      upstream,
      openDirs: [
        // The config channel holds only hyperparameters.json (a known path below).
        ...channels.filter((channel) => channel.name !== "config").map((channel) => channel.path),
        ...inputs.map((input) => input.path),
        ...outputs.map((output) => output.path),
        ...(container === "training" ? [MODEL_DIR, OUTPUT_DATA_DIR, "/opt/ml/checkpoints"] : []),
        ...(checkpoint?.enabled ? [checkpoint.localPath] : []),
        ...(container === "serving" ? [MODEL_DIR] : []),
      ],
      knownPaths: [
        ...(container === "training" ? TRAINING_KNOWN : []),
        ...(container === "processing" ? PROCESSING_KNOWN : []),
        ...(channels.some((channel) => channel.name === "config") ? [HYPERPARAMETERS_FILE] : []),
      ],
      env,
      expectedEnv,
      hyperparameters: new Set([...keys.all, ...(container === "training" ? FRAMEWORK_KEYS : [])]),
      userHyperparameters: keys.user,
      metricDefinitions: "metricDefinitions" in config ? config.metricDefinitions : [],
    });
  }
  return provisions;
}

/** The channels the compiler gives a training job: those compiled, else what it would compile. */
function trainingChannels(
  container: Container,
  framework: Framework,
  args: Record<string, unknown> | null,
): Channel[] {
  if (container !== "training") return [];
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
