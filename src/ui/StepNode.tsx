import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { StepTypeDefinition } from "../catalog";

export interface StepNodeData extends Record<string, unknown> {
  stepId: string;
  name: string;
  definition: StepTypeDefinition<Record<string, unknown>> | undefined;
  typeName: string;
  errorCount: number;
}

export type StepFlowNode = Node<StepNodeData, "step">;

/** One pipeline step: name, type, typed ports from the catalog spec, and a problem badge. */
function StepNodeView({ data }: NodeProps<StepFlowNode>) {
  const { stepId, name, definition, errorCount } = data;
  const inputs = definition?.dependencies ?? [];
  const outputs = definition?.outputs ?? [];
  return (
    <div
      className={`step-node category-${definition?.category.toLowerCase() ?? "unknown"}`}
      role="group"
      aria-label={name}
      data-testid={`node-${stepId}`}
    >
      <header className="step-node__header">
        <span className="step-node__name">{name}</span>
        {errorCount > 0 && (
          <span
            className="step-node__badge"
            role="status"
            aria-label={`${errorCount} problem${errorCount === 1 ? "" : "s"}`}
          >
            {errorCount}
          </span>
        )}
      </header>
      <div className="step-node__type">
        {definition?.displayName ?? `Unknown type ${data.typeName}`}
      </div>
      <div className="step-node__ports">
        <ul className="step-node__inputs" aria-label="Inputs">
          {inputs.map((dependency) => (
            <li
              key={dependency.logicalName}
              className="port port--in"
              data-testid={`port-${stepId}-in-${dependency.logicalName}`}
              title={`${dependency.description} (${dependency.dependencyType})`}
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
          {outputs.map((output) => (
            <li
              key={output.logicalName}
              className="port port--out"
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
