import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import { useShallow } from "zustand/react/shallow";
import type { StepTypeDefinition } from "../../catalog";
import { portKey, type UiState } from "../../store/uiStore";
import { stepRunFor } from "../../aws";
import { useUi } from "../designerContext";

export interface StepNodeData extends Record<string, unknown> {
  stepId: string;
  name: string;
  definition: StepTypeDefinition<Record<string, unknown>> | undefined;
  typeName: string;
  errorCount: number;
  warningCount: number;
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

/** The status of this step in the run shown on the canvas, if a run is shown and reached it. */
function useRunStatus(name: string): string | undefined {
  return useUi((state) => (state.run ? stepRunFor(name, state.run.steps)?.status : undefined));
}

/** One pipeline step: name, type, typed ports from the catalog spec, and a problem badge. */
function StepNodeView({ data, selected }: NodeProps<StepFlowNode>) {
  const { stepId, name, definition, errorCount, warningCount } = data;
  const inputs = definition?.dependencies ?? [];
  const outputs = definition?.outputs ?? [];
  const states = usePortStates([
    ...inputs.map((d) => portKey(stepId, "in", d.logicalName)),
    ...outputs.map((o) => portKey(stepId, "out", o.logicalName)),
  ]);
  const problems = errorCount + warningCount;
  const runStatus = useRunStatus(name);
  return (
    <div
      className={`step-node category-${definition?.category.toLowerCase() ?? "unknown"}${selected ? " is-selected" : ""}${runStatus ? ` run-${runStatus.toLowerCase()}` : ""}`}
      role="group"
      aria-label={name}
      data-testid={`node-${stepId}`}
    >
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
        </ul>
      </div>
    </div>
  );
}

export const StepNode = memo(StepNodeView);
