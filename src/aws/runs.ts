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

  const poll = async () => {
    if (stopped) return;
    try {
      const [execution, steps] = await Promise.all([
        client.describeExecution(executionArn),
        client.listExecutionSteps(executionArn),
      ]);
      if (stopped) return;
      const terminal = TERMINAL_STATUSES.includes(execution.status);
      const signature = JSON.stringify([execution.status, steps.map((s) => [s.name, s.status])]);
      delay = signature === last ? Math.min(delay * timing.factor, timing.maxMs) : timing.firstMs;
      last = signature;
      previous = { execution, steps, error: null, terminal };
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

/**
 * The status a design step shows for a run: its definition step, or for a model step the
 * `-RepackModel-0` / `-CreateModel` steps it renders as (the least finished one wins).
 */
export function stepRunFor<T extends Pick<ExecutionStep, "name"> & { status: string }>(
  stepName: string,
  steps: T[],
): T | undefined {
  const own = steps.filter(
    (step) =>
      step.name === stepName ||
      step.name === `${stepName}-CreateModel` ||
      step.name === `${stepName}-RepackModel-0`,
  );
  const repack = own.find((step) => step.name === `${stepName}-RepackModel-0`);
  // Between the repack and CreateModel the model step is still running.
  if (own.length === 1 && repack?.status === "Succeeded") return { ...repack, status: "Executing" };
  if (own.length <= 1) return own[0];
  const rank = ["Failed", "Stopping", "Stopped", "Executing", "Starting", "Succeeded"];
  return [...own].sort((a, b) => rank.indexOf(a.status) - rank.indexOf(b.status))[0];
}
