import { stepNotRun, stepRunFor, TERMINAL_STATUSES } from "../aws";
import { isBranchOutput, type Design } from "../model";
import { layoutOf } from "../resolver";

/** Shown for a step of a branch the finished run did not take. */
export const NOT_RUN = "Not run";

/** A run as the canvas and the Runs panel read it (`RunView` of the ui store). */
export interface RunLike {
  status: string;
  steps: readonly { name: string; status: string }[];
  /** Definition names of the steps of branches their condition did not take (when known). */
  notRun?: readonly string[];
}

/**
 * What a run reported for a design step: its definition step, a model step's repack and
 * CreateModel steps, a register step's repack and `{name}-RegisterModel` (the least finished wins).
 */
export function runStatusFor(
  name: string,
  steps: readonly { name: string; status: string }[],
): string | undefined {
  return stepRunFor(name, [...steps])?.status;
}

/**
 * The status a design step shows for a run: what the run reported for it; else "Not run" when
 * its condition took the other branch, or — for a step of a branch — when the run has ended
 * without it; else nothing (not reached yet).
 */
export function stepRunStatus(name: string, inBranch: boolean, run: RunLike): string | undefined {
  const status = runStatusFor(name, run.steps);
  if (status) return status;
  if (run.notRun && stepNotRun(name, run.notRun)) return NOT_RUN;
  return inBranch && TERMINAL_STATUSES.includes(run.status) ? NOT_RUN : undefined;
}

/**
 * The design steps of a branch that the run will not run, in design order, each with why: its
 * condition took the other branch, or the run ended before its condition. None when the design
 * has no branches.
 */
export function notRunSteps(
  design: Design,
  run: RunLike | null,
): { name: string; reason: string }[] {
  if (!run) return [];
  if (!design.edges.some((edge) => isBranchOutput(edge.from.output))) return [];
  const { branchOf } = layoutOf(design);
  const nameOf = (id: string) => design.steps.find((step) => step.id === id)?.name ?? id;
  return design.steps.flatMap((step) => {
    const branch = branchOf.get(step.id);
    if (!branch || stepRunStatus(step.name, true, run) !== NOT_RUN) return [];
    const condition = nameOf(branch.condition);
    const decided = runStatusFor(condition, run.steps) === "Succeeded";
    return [
      {
        name: step.name,
        reason: decided
          ? `${condition} did not take its "${branch.branch === "if_true" ? "if true" : "if false"}" branch`
          : `the run ended before ${condition}`,
      },
    ];
  });
}
