import { closest, pathProblem, pieceAt } from "./containerPaths";
import { list, readsEnv, usesPath, type Finding, type StepScripts } from "./context";
import { MODEL_DIR, OUTPUT_DATA_DIR } from "./provision";
import { keyPlace, type ScriptFacts } from "./scriptFacts";
import { placeOf, walk, type SyntaxNode } from "./syntax";

// Set by SageMaker in training containers (sagemaker-training-toolkit) and by the serving stacks.
const PLATFORM_ENV = new Set([
  "SM_MODEL_DIR",
  "SM_HPS",
  "SM_OUTPUT_DATA_DIR",
  "SM_OUTPUT_DIR",
  "SM_OUTPUT_INTERMEDIATE_DIR",
  "SM_INPUT_DIR",
  "SM_INPUT_CONFIG_DIR",
  "SM_INPUT_DATA_CONFIG",
  "SM_CHANNELS",
  "SM_NUM_GPUS",
  "SM_NUM_CPUS",
  "SM_NUM_NEURONS",
  "SM_HOSTS",
  "SM_CURRENT_HOST",
  "SM_CURRENT_INSTANCE_TYPE",
  "SM_TRAINING_ENV",
  "SM_USER_ARGS",
  "SM_USER_ENTRY_POINT",
  "SM_MODULE_NAME",
  "SM_MODULE_DIR",
  "SM_LOG_LEVEL",
  "SM_FRAMEWORK_MODULE",
  "SM_FRAMEWORK_PARAMS",
  "SM_RESOURCE_CONFIG",
  "SM_NETWORK_INTERFACE_NAME",
  "SM_IS_MASTER",
  "SM_MASTER_ADDR",
  "SM_MASTER_PORT",
  "TRAINING_JOB_NAME",
  "TRAINING_JOB_ARN",
  "PROCESSING_JOB_ARN",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "HOME",
  "PATH",
  "PWD",
  "USER",
  "HOSTNAME",
  "LANG",
  "TMPDIR",
  "PYTHONPATH",
  "CUDA_VISIBLE_DEVICES",
  "LOCAL_RANK",
  "RANK",
  "WORLD_SIZE",
  "MASTER_ADDR",
  "MASTER_PORT",
  "OMP_NUM_THREADS",
]);

const isPlatformEnv = (name: string) =>
  PLATFORM_ENV.has(name) || name.startsWith("SAGEMAKER_") || name.startsWith("SM_HP_");

/** Container paths the script writes that the container does not have (typos), with a fix. */
export function pathFindings(step: StepScripts): Finding[] {
  const { knownPaths } = step.provision;
  // A folder the script unpacks an archive into is its own, where its parent exists.
  const madeDirs = step.scripts.flatMap((script) =>
    script.extractions.flatMap((extraction) =>
      (extraction.targets ?? []).filter(
        (target) =>
          target.startsWith("/opt/ml/") &&
          pathProblem(
            target.slice(0, target.lastIndexOf("/")),
            step.provision.openDirs,
            knownPaths,
          ) === null,
      ),
    ),
  );
  const openDirs = [...step.provision.openDirs, ...madeDirs];
  const found: Finding[] = [];
  const seen = new Set<string>();
  for (const script of step.scripts) {
    for (const use of script.paths) {
      // The last segment of a partly known path may continue in the unknown part.
      const text = use.value.open
        ? use.value.text.slice(0, use.value.text.lastIndexOf("/") + 1)
        : use.value.text;
      const problem = pathProblem(text, openDirs, knownPaths);
      if (!problem) continue;
      const at = pieceAt(use.value, problem.segmentStart);
      const place = at ? placeOf(at.piece.node, at.within) : placeOf(use.node);
      const key = `${script.file}:${place.line}:${place.column}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const path = use.value.open ? `${use.value.text}…` : use.value.text;
      const what =
        problem.siblings.length > 0 ? `; ${problem.known} has ${list(problem.siblings)}` : "";
      const fixed = problem.suggestion;
      found.push({
        code: "PD502",
        severity: "error",
        message: `${path}: the container has no "${problem.segment}" in ${problem.known}${what}`,
        file: script.file,
        place,
        ...(fixed
          ? {
              fix: {
                message: `did you mean ${fixed}?`,
                ...(at ? { replacement: fixed.slice(problem.segmentStart).split("/")[0] } : {}),
              },
            }
          : {}),
      });
    }
  }
  return found;
}

/** Whether `node` is the value of `NAME = …` and NAME appears nowhere else in the file. */
function unusedConstant(script: ScriptFacts, node: SyntaxNode): boolean {
  let value = node;
  while (
    value.parent &&
    ["call", "argument_list", "parenthesized_expression"].includes(value.parent.type)
  )
    value = value.parent;
  const assignment = value.parent;
  const target = assignment?.type === "assignment" ? assignment.childForFieldName("left") : null;
  if (target?.type !== "identifier" || assignment?.childForFieldName("right")?.id !== value.id)
    return false;
  let uses = 0;
  walk(script.root, (candidate) => {
    if (candidate.type === "identifier" && candidate.text === target.text) uses++;
  });
  return uses === 1;
}

/** Training: each channel read, the model written, a linked evaluation output written. */
export function trainingContractFindings(step: StepScripts): Finding[] {
  const { channels, outputs } = step.provision;
  const found: Finding[] = [];
  const dataChannels = channels.filter((channel) => channel.name !== "config");
  const read = (name: string, path: string) =>
    usesPath(step, path) || readsEnv(step, `SM_CHANNEL_${name.toUpperCase()}`);
  for (const channel of dataChannels) {
    if (read(channel.name, channel.path)) continue;
    found.push({
      code: "PD503",
      // A job that ignores its data still runs (CATALOG.md: only a missing loop or save is an error).
      severity: "warning",
      message: `the script never reads the ${channel.name} channel (${channel.path} or SM_CHANNEL_${channel.name.toUpperCase()})`,
    });
  }
  if (!usesPath(step, MODEL_DIR) && !readsEnv(step, "SM_MODEL_DIR")) {
    found.push({
      code: "PD505",
      severity: "error",
      message: `the script never writes under ${MODEL_DIR} (or SM_MODEL_DIR): SageMaker uploads only that directory as the model`,
    });
  }
  const evaluation = outputs.find((output) => output.name === "evaluation_output");
  if (
    evaluation?.linked &&
    !usesPath(step, OUTPUT_DATA_DIR) &&
    !readsEnv(step, "SM_OUTPUT_DATA_DIR")
  ) {
    found.push({
      code: "PD506",
      severity: "warning",
      message: `evaluation_output is linked, but the script never writes under ${OUTPUT_DATA_DIR} (or SM_OUTPUT_DATA_DIR)`,
    });
  }
  return found;
}

/** Processing and model steps: linked inputs read, read inputs linked, linked outputs written. */
export function portFindings(step: StepScripts): Finding[] {
  const found: Finding[] = [];
  for (const input of step.provision.inputs) {
    const readIt = usesPath(step, input.path);
    if (input.linked && !readIt && step.provision.container === "processing") {
      found.push({
        code: "PD503",
        severity: "warning",
        message: `${input.name} is linked, but the script never reads ${input.path}`,
      });
    }
    const guarded = step.scripts.some((script) => script.guardedPaths.has(input.path));
    // A constant defined for the folder but never used (a starter's TODO) reads nothing.
    const use = step.scripts
      .flatMap((script) => script.paths.map((path) => ({ script, path })))
      .find(
        ({ script, path }) =>
          path.value.text.startsWith(input.path) && !unusedConstant(script, path.node),
      );
    if (!input.linked && use && !guarded) {
      found.push({
        code: "PD504",
        severity: "warning",
        message: `the script reads ${input.path}, but nothing feeds ${input.name}: link it, or test that the folder exists first`,
        file: use.script.file,
        place: keyPlace(use.path.node),
      });
    }
  }
  if (step.provision.container === "processing") {
    for (const output of step.provision.outputs) {
      if (!output.linked || usesPath(step, output.path)) continue;
      found.push({
        code: "PD506",
        severity: "warning",
        message: `${output.name} is linked, but the script never writes under ${output.path}`,
      });
    }
  }
  return found;
}

/** Env the script reads but nobody sets, and env the contract or config sets but the script ignores. */
export function envFindings(step: StepScripts): Finding[] {
  const { env, expectedEnv, channels } = step.provision;
  const found: Finding[] = [];
  const channelEnv = new Map(
    channels.map((channel) => [`SM_CHANNEL_${channel.name.toUpperCase()}`, channel]),
  );
  for (const script of step.scripts) {
    for (const read of script.envReads) {
      const name = read.name;
      if (step.provision.container === "training" && name.startsWith("SM_CHANNEL_")) {
        if (channelEnv.has(name)) continue;
        const match = closest(name, channelEnv.keys());
        found.push({
          code: "PD508",
          severity: read.hard || read.fallback === null ? "error" : "warning",
          message: `${name} is not set: the step has no channel "${name.slice(11).toLowerCase()}"; its channels are ${list(channels.map((channel) => channel.name))}`,
          file: script.file,
          place: read.place,
          ...(match ? { fix: { message: `did you mean ${match}?`, replacement: match } } : {}),
        });
        continue;
      }
      if (!read.hard || isPlatformEnv(name) || env === null || env.has(name)) continue;
      found.push({
        code: "PD508",
        severity: "error",
        message: `os.environ["${name}"] fails: the step does not set ${name}; add it under Environment or read it with a default`,
        file: script.file,
        place: read.place,
      });
    }
  }
  for (const expected of expectedEnv) {
    if (readsEnv(step, expected.name)) continue;
    found.push({
      code: "PD507",
      severity: "warning",
      message: `the script never reads the environment variable ${expected.name}, though ${expected.reason}`,
    });
  }
  return found;
}
