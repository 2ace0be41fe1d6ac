import { toAwsProblem } from "./errors";
import {
  TERMINAL_STATUSES,
  type ExecutionDetail,
  type ExecutionStep,
  type PipelineClient,
} from "./types";

export interface RunSnapshot {
  execution: ExecutionDetail;
  steps: ExecutionStep[];
  /**
   * Definition names of the steps that will not run because their condition took the other
   * branch (nested branches included); empty until a condition has an outcome. Match design steps
   * to them with `stepNotRun`.
   */
  notRun: string[];
  /** The last polling error, shown next to the run; polling goes on with backoff. */
  error: string | null;
  terminal: boolean;
}

export interface PollTiming {
  firstMs: number;
  maxMs: number;
  factor: number;
}

const DEFAULT_TIMING: PollTiming = { firstMs: 1000, maxMs: 15_000, factor: 1.6 };

/**
 * Polls one execution until it ends: Describe + ListSteps, then waits, growing the wait while
 * nothing changes or calls fail and going back to the first interval when something changes.
 * Returns a stop function.
 */
export function watchExecution(
  client: PipelineClient,
  executionArn: string,
  onSnapshot: (snapshot: RunSnapshot) => void,
  timing: PollTiming = DEFAULT_TIMING,
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = timing.firstMs;
  let last = "";
  let previous: RunSnapshot | null = null;
  // The definition the run uses, read once (again on the next poll if that failed): it says
  // which steps sit in which branch.
  let definition: string | null = null;
  const readDefinition = async () => {
    if (definition !== null) return definition;
    try {
      definition = await client.executionDefinition(executionArn);
    } catch {
      // Not fatal: the branch not taken is just not marked until a later poll reads it.
    }
    return definition;
  };

  const poll = async () => {
    if (stopped) return;
    try {
      const [execution, steps, ran] = await Promise.all([
        client.describeExecution(executionArn),
        client.listExecutionSteps(executionArn),
        readDefinition(),
      ]);
      if (stopped) return;
      const terminal = TERMINAL_STATUSES.includes(execution.status);
      const signature = JSON.stringify([execution.status, steps.map((s) => [s.name, s.status])]);
      delay = signature === last ? Math.min(delay * timing.factor, timing.maxMs) : timing.firstMs;
      last = signature;
      const notRun = ran ? stepsNotRun(ran, steps) : [];
      previous = { execution, steps, notRun, error: null, terminal };
      onSnapshot(previous);
      if (terminal) return;
    } catch (error) {
      if (stopped) return;
      const problem = toAwsProblem(error);
      delay = Math.min(delay * timing.factor, timing.maxMs);
      if (previous) onSnapshot({ ...previous, error: `${problem.code}: ${problem.message}` });
      else
        onSnapshot({
          execution: { arn: executionArn, status: "Executing" },
          steps: [],
          notRun: [],
          error: `${problem.code}: ${problem.message}`,
          terminal: false,
        });
    }
    timer = setTimeout(() => void poll(), delay);
  };
  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The definition names a design step renders as: its own, or a model step's parts. */
const renderedAs = (stepName: string, definitionName: string) =>
  definitionName === stepName ||
  definitionName === `${stepName}-CreateModel` ||
  definitionName === `${stepName}-RegisterModel` ||
  definitionName === `${stepName}-RepackModel-0`;

/**
 * The status a design step shows for a run: its definition step, or for a model or register step
 * the `-RepackModel-0` / `-CreateModel` / `-RegisterModel` steps it renders as (the least
 * finished one wins).
 */
export function stepRunFor<T extends Pick<ExecutionStep, "name"> & { status: string }>(
  stepName: string,
  steps: T[],
): T | undefined {
  const own = steps.filter((step) => renderedAs(stepName, step.name));
  const repack = own.find((step) => step.name === `${stepName}-RepackModel-0`);
  // Between the repack and CreateModel the model step is still running.
  if (own.length === 1 && repack?.status === "Succeeded") return { ...repack, status: "Executing" };
  if (own.length <= 1) return own[0];
  const rank = ["Failed", "Stopping", "Stopped", "Executing", "Starting", "Succeeded"];
  return [...own].sort((a, b) => rank.indexOf(a.status) - rank.indexOf(b.status))[0];
}

interface DefinitionStep {
  Name?: unknown;
  Type?: unknown;
  Arguments?: { IfSteps?: unknown; ElseSteps?: unknown };
}

const stepList = (value: unknown): DefinitionStep[] =>
  Array.isArray(value)
    ? value.filter((step): step is DefinitionStep => !!step && typeof step === "object")
    : [];

/** Every step name in a branch, nested conditions' branches included. */
function namesWithin(steps: DefinitionStep[]): string[] {
  return steps.flatMap((step) => [
    ...(typeof step.Name === "string" ? [step.Name] : []),
    ...(step.Type === "Condition"
      ? [
          ...namesWithin(stepList(step.Arguments?.IfSteps)),
          ...namesWithin(stepList(step.Arguments?.ElseSteps)),
        ]
      : []),
  ]);
}

/**
 * The steps of a run's definition that will not run: the other branch of every Condition step
 * whose outcome the run reports (`Metadata.Condition.Outcome`), nested steps included. Steps of a
 * branch whose condition has not been evaluated yet are not listed: they may still run.
 */
export function stepsNotRun(definition: string, steps: ExecutionStep[]): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(definition);
  } catch {
    return [];
  }
  const outcomes = new Map(
    steps.filter((step) => step.conditionOutcome).map((step) => [step.name, step.conditionOutcome]),
  );
  const notRun: string[] = [];
  const visit = (list: DefinitionStep[]) => {
    for (const step of list) {
      if (step.Type !== "Condition") continue;
      const ifSteps = stepList(step.Arguments?.IfSteps);
      const elseSteps = stepList(step.Arguments?.ElseSteps);
      const outcome = typeof step.Name === "string" ? outcomes.get(step.Name) : undefined;
      if (outcome === "True") notRun.push(...namesWithin(elseSteps));
      if (outcome === "False") notRun.push(...namesWithin(ifSteps));
      // Inside the branch that runs (or may still run), nested conditions decide for themselves.
      if (outcome !== "False") visit(ifSteps);
      if (outcome !== "True") visit(elseSteps);
    }
  };
  visit(stepList((parsed as { Steps?: unknown } | null)?.Steps));
  return [...new Set(notRun)].filter((name) => !steps.some((step) => step.name === name));
}

/** Whether a design step (by name) belongs to the branch not taken, given a snapshot's `notRun`. */
export function stepNotRun(stepName: string, notRun: readonly string[]): boolean {
  return notRun.some((name) => renderedAs(stepName, name));
}
