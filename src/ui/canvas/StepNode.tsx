import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useShallow } from "zustand/react/shallow";
import type { StepTypeDefinition } from "../../catalog";
import { BRANCH_INPUT, type BranchOutput } from "../../model";
import { BRANCH_LABELS } from "../../resolver";
import { portKey, type UiState } from "../../store/uiStore";
import { useUi } from "../designerContext";
import { stepRunStatus } from "../runStatus";

export interface StepNodeData extends Record<string, unknown> {
  stepId: string;
  name: string;
  definition: StepTypeDefinition<Record<string, unknown>> | undefined;
  typeName: string;
  errorCount: number;
  warningCount: number;
  /** A Condition's branch ports ("if true", "if false"); empty for every other step. */
  branchOutputs: readonly BranchOutput[];
  /** The branch the step runs in, e.g. `Gate: if true`; null at the top level. */
  branch: string | null;
  /** A one-line summary of what a Condition tests or a Fail says; null for other steps. */
  summary: string | null;
}

export type StepFlowNode = Node<StepNodeData, "step">;

type PortState = "idle" | "compatible" | "incompatible" | "origin";

/** While a link is dragged, this port's verdict: highlighted when the link may end here, dimmed when not. */
function usePortStates(keys: string[]): PortState[] {
  return useUi(
    useShallow((state: UiState) =>
      keys.map((key): PortState => {
        const drag = state.linkDrag;
        if (!drag) return "idle";
        if (drag.from === key) return "origin";
        const verdict = drag.verdicts[key];
        if (!verdict) return "incompatible";
        return verdict.allowed ? "compatible" : "incompatible";
      }),
    ),
  );
}

/**
 * The status of this step in the run shown on the canvas, if a run is shown and reached it; "Not
 * run" for a step of a branch once the run has ended without it (the branch not taken).
 */
function useRunStatus(name: string, inBranch: boolean): string | undefined {
  return useUi((state) => (state.run ? stepRunStatus(name, inBranch, state.run) : undefined));
}

/** One pipeline step: name, type, typed ports from the catalog spec, and a problem badge. */
function StepNodeView({ data, selected }: NodeProps<StepFlowNode>) {
  const { stepId, name, definition, errorCount, warningCount, branchOutputs, branch, summary } =
    data;
  const inputs = definition?.dependencies ?? [];
  const outputs = definition?.outputs ?? [];
  const [branchState = "idle", ...states] = usePortStates([
    portKey(stepId, "in", BRANCH_INPUT),
    ...inputs.map((d) => portKey(stepId, "in", d.logicalName)),
    ...outputs.map((o) => portKey(stepId, "out", o.logicalName)),
    ...branchOutputs.map((b) => portKey(stepId, "out", b)),
  ]);
  const problems = errorCount + warningCount;
  const runStatus = useRunStatus(name, branch !== null);
  const runClass = runStatus ? ` run-${runStatus.toLowerCase().replace(/\s+/g, "-")}` : "";
  return (
    <div
      className={`step-node category-${definition?.category.toLowerCase() ?? "unknown"}${selected ? " is-selected" : ""}${runClass}`}
      role="group"
      aria-label={name}
      data-testid={`node-${stepId}`}
    >
      {definition && (
        <div
          className={`step-node__branch-in port--${branchState}`}
          data-testid={`port-${stepId}-in-${BRANCH_INPUT}`}
          title={`Branch input: link a condition's "if true" or "if false" here to run ${name} in that branch`}
        >
          <Handle
            type="target"
            position={Position.Top}
            id={BRANCH_INPUT}
            className="handle handle--branch"
            aria-label={`Branch input of ${name}`}
          />
        </div>
      )}
      {branch && (
        <div className="step-node__branch" title={`Runs in the branch ${branch}`}>
          <span className="visually-hidden">Runs in branch </span>
          {branch}
        </div>
      )}
      <header className="step-node__header">
        <span className="step-node__name">{name}</span>
        {problems > 0 && (
          <span
            className={`step-node__badge${errorCount > 0 ? "" : " step-node__badge--warning"}`}
            role="status"
            aria-label={`${errorCount} error${errorCount === 1 ? "" : "s"}, ${warningCount} warning${warningCount === 1 ? "" : "s"}`}
          >
            {problems}
          </span>
        )}
      </header>
      {runStatus && (
        <div className="step-node__run" role="status" aria-label={`Run status: ${runStatus}`}>
          {runStatus}
        </div>
      )}
      <div className="step-node__type">
        {definition?.displayName ?? `Unknown type ${data.typeName}`}
      </div>
      {summary && (
        <div className="step-node__summary" title={summary}>
          {summary}
        </div>
      )}
      {(inputs.length > 0 || outputs.length > 0 || branchOutputs.length > 0) && (
        <div className="step-node__ports">
          <ul className="step-node__inputs" aria-label="Inputs">
            {inputs.map((dependency, index) => (
              <li
                key={dependency.logicalName}
                className={`port port--in port--${states[index]}`}
                data-testid={`port-${stepId}-in-${dependency.logicalName}`}
                title={`${dependency.description} (${dependency.dependencyType}${dependency.required ? ", required" : ""})`}
              >
                <Handle
                  type="target"
                  position={Position.Left}
                  id={dependency.logicalName}
                  className={dependency.required ? "handle handle--required" : "handle"}
                />
                <span>
                  {dependency.logicalName}
                  {dependency.required ? " *" : ""}
                </span>
              </li>
            ))}
          </ul>
          <ul className="step-node__outputs" aria-label="Outputs">
            {outputs.map((output, index) => (
              <li
                key={output.logicalName}
                className={`port port--out port--${states[inputs.length + index]}`}
                data-testid={`port-${stepId}-out-${output.logicalName}`}
                title={`${output.description} (${output.outputType})`}
              >
                <span>{output.logicalName}</span>
                <Handle
                  type="source"
                  position={Position.Right}
                  id={output.logicalName}
                  className="handle"
                />
              </li>
            ))}
            {branchOutputs.map((output, index) => (
              <li
                key={output}
                className={`port port--out port--branch port--${output.replace("_", "-")} port--${states[inputs.length + outputs.length + index]}`}
                data-testid={`port-${stepId}-out-${output}`}
                title={`Steps linked here run when the conditions are ${output === "if_true" ? "all true" : "not all true"}`}
              >
                <span>{BRANCH_LABELS[output]}</span>
                <Handle
                  type="source"
                  position={Position.Right}
                  id={output}
                  className={`handle handle--${output.replace("_", "-")}`}
                />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

export const StepNode = memo(StepNodeView);
