import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  type Edge as FlowEdge,
  type NodeChange,
} from "@xyflow/react";
import { useCallback, useMemo } from "react";
import { stepType } from "../catalog";
import type { Design, Diagnostic } from "../model";
import type { DesignState } from "../store/designStore";
import { useDesign } from "./designerContext";
import { StepNode, type StepFlowNode } from "./StepNode";

const nodeTypes = { step: StepNode };

const selectDesign = (state: { design: Design }) => state.design;
const selectMoveSteps = (state: DesignState) => state.moveSteps;

function toNodes(design: Design, diagnostics: Diagnostic[]): StepFlowNode[] {
  return design.steps.map((step) => ({
    id: step.id,
    type: "step",
    position: step.position,
    data: {
      stepId: step.id,
      name: step.name,
      typeName: step.type,
      definition: stepType(step.type),
      errorCount: diagnostics.filter((diagnostic) => diagnostic.stepId === step.id).length,
    },
  }));
}

function toEdges(design: Design): FlowEdge[] {
  return design.edges.map((edge) => ({
    id: `${edge.from.step}.${edge.from.output}->${edge.to.step}.${edge.to.input}`,
    source: edge.from.step,
    sourceHandle: edge.from.output,
    target: edge.to.step,
    targetHandle: edge.to.input,
  }));
}

/** The pipeline drawn from the store: nodes and edges are derived from the design, never stored apart. */
export function Canvas({ diagnostics }: { diagnostics: Diagnostic[] }) {
  const design = useDesign(selectDesign);
  const moveSteps = useDesign(selectMoveSteps);
  const nodes = useMemo(() => toNodes(design, diagnostics), [design, diagnostics]);
  const edges = useMemo(() => toEdges(design), [design]);
  const onNodesChange = useCallback(
    (changes: NodeChange<StepFlowNode>[]) => {
      for (const change of changes) {
        if (change.type === "position" && change.position)
          moveSteps({ [change.id]: change.position });
      }
    },
    [moveSteps],
  );
  return (
    <div className="canvas" aria-label="Pipeline canvas">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        fitView
        proOptions={{ hideAttribution: true }}
      >
        <Background />
        <MiniMap pannable zoomable ariaLabel="Minimap" />
        <Controls />
      </ReactFlow>
    </div>
  );
}
