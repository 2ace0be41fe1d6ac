import {
  applyNodeChanges,
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  type Connection,
  type Edge as FlowEdge,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
  type OnConnectStartParams,
} from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useState, type DragEvent } from "react";
import { stepType } from "../../catalog";
import { isBranchOutput, setEntry, type Design, type Diagnostic, type Edge } from "../../model";
import { BRANCH_LABELS, branchOutputsOf, isConditionStep, layoutOf } from "../../resolver";
import type { DesignState } from "../../store/designStore";
import { initialConfig } from "../../store/stepDefaults";
import { verdictForEdge, type UiState } from "../../store/uiStore";
import { conditionsText } from "../conditionText";
import { useCompiled, useDesign, useDesignerStores, useUi } from "../designerContext";
import { formatMessage } from "../inspector/designRefs";
import { connectionEdge, linkVerdicts } from "./linkVerdicts";
import { STEP_TYPE_MIME } from "./Palette";
import { StepNode, type StepFlowNode, type StepNodeData } from "./StepNode";

const nodeTypes = { step: StepNode };
// Never zoom in past 100% to fit: a small pipeline should look normal-sized, not blown up.
const FIT_VIEW = { maxZoom: 1 };

const selectDesign = (state: DesignState) => state.design;
const selectSelected = (state: UiState) => state.selectedStepIds;
const selectSelectedEdges = (state: UiState) => state.selectedEdges;
const selectRefusal = (state: UiState) => state.refusal;
const selectLoadCount = (state: DesignState) => state.loadCount;

/**
 * The nodes showing a design. A current node that would show the same is kept as it is, so an
 * edit, a compile or a selection re-renders only the nodes it changes (StepNode is memoised and
 * React Flow re-adopts only new node objects); a changed node keeps its measured size.
 */
function toNodes(
  design: Design,
  diagnostics: readonly Diagnostic[],
  selected: readonly string[],
  current: readonly StepFlowNode[],
): StepFlowNode[] {
  const counts = new Map<string, { errors: number; warnings: number }>();
  for (const diagnostic of diagnostics) {
    if (!diagnostic.stepId) continue;
    const count = counts.get(diagnostic.stepId) ?? { errors: 0, warnings: 0 };
    if (diagnostic.severity === "error") count.errors++;
    else count.warnings++;
    counts.set(diagnostic.stepId, count);
  }
  const selection = new Set(selected);
  const previous = new Map(current.map((node) => [node.id, node]));
  const hasBranches = design.edges.some((edge) => isBranchOutput(edge.from.output));
  const layout = hasBranches ? layoutOf(design) : null;
  const names = new Map(design.steps.map((step) => [step.id, step.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  return design.steps.map((step) => {
    const definition = stepType(step.type);
    const branch = layout?.branchOf.get(step.id);
    const data: StepNodeData = {
      stepId: step.id,
      name: step.name,
      typeName: step.type,
      definition,
      errorCount: counts.get(step.id)?.errors ?? 0,
      warningCount: counts.get(step.id)?.warnings ?? 0,
      branchOutputs: branchOutputsOf(step),
      branch: branch ? `${nameOf(branch.condition)}: ${BRANCH_LABELS[branch.branch]}` : null,
      summary: summaryOf(design, step, nameOf),
    };
    const isSelected = selection.has(step.id);
    const old = previous.get(step.id);
    if (!old)
      return { id: step.id, type: "step", position: step.position, selected: isSelected, data };
    const sameData = (Object.keys(data) as (keyof StepNodeData)[]).every(
      (key) => data[key] === old.data[key],
    );
    const samePosition = old.position.x === step.position.x && old.position.y === step.position.y;
    if (sameData && samePosition && Boolean(old.selected) === isSelected) return old;
    return {
      ...old,
      position: samePosition ? old.position : step.position,
      selected: isSelected,
      data: sameData ? old.data : data,
    };
  });
}

/** What a Condition tests or a Fail says, on one line of its node. */
function summaryOf(
  design: Design,
  step: Design["steps"][number],
  nameOf: (id: string) => string,
): string | null {
  if (isConditionStep(step))
    return conditionsText(step.config.conditions, nameOf) ?? "No conditions yet";
  if (stepType(step.type)?.sagemakerKind === "Fail")
    return formatMessage(step.config.errorMessage, design) || "No message yet";
  return null;
}

export const edgeId = (edge: Design["edges"][number]) =>
  `${edge.from.step}.${edge.from.output}->${edge.to.step}.${edge.to.input}`;

/**
 * The links of a design, selected as the designer's selection says; an edge already shown the
 * same way is kept as it is (its id says all it shows).
 */
function toEdges(design: Design, selected: readonly Edge[], previous: FlowEdge[]): FlowEdge[] {
  const shown = new Map(previous.map((edge) => [edge.id, edge]));
  const selection = new Set(selected.map(edgeId));
  return design.edges.map((edge) => {
    const id = edgeId(edge);
    const isSelected = selection.has(id);
    const old = shown.get(id);
    if (old && Boolean(old.selected) === isSelected) return old;
    if (old) return { ...old, selected: isSelected };
    const branch = isBranchOutput(edge.from.output) ? edge.from.output : null;
    return {
      id,
      source: edge.from.step,
      sourceHandle: edge.from.output,
      target: edge.to.step,
      targetHandle: edge.to.input,
      selected: isSelected,
      ariaLabel: `Link ${id}`,
      // A branch link is drawn as the branch it is: labelled, "if false" dashed.
      ...(branch
        ? {
            label: BRANCH_LABELS[branch],
            className: `edge--branch edge--${branch.replace("_", "-")}`,
          }
        : {}),
    };
  });
}

/**
 * The pipeline drawn from the store. Nodes are derived from the design; a drag moves a local
 * copy and is committed once on release, so one drag is one undo step.
 */
export function Canvas() {
  const design = useDesign(selectDesign);
  const selected = useUi(selectSelected);
  const selectedEdges = useUi(selectSelectedEdges);
  const refusal = useUi(selectRefusal);
  const { diagnostics } = useCompiled();
  const stores = useDesignerStores();
  const flow = useReactFlow();
  const [nodes, setNodes] = useState<StepFlowNode[]>([]);
  const [edges, setEdges] = useState<FlowEdge[]>([]);
  const loadCount = useDesign(selectLoadCount);

  // Layout effects: the nodes follow an edit in the same frame, not in a render a task later.
  useLayoutEffect(
    () => setNodes((current) => toNodes(design, diagnostics, selected, current)),
    [design, diagnostics, selected],
  );
  useLayoutEffect(
    () => setEdges((previous) => toEdges(design, selectedEdges, previous)),
    [design, selectedEdges],
  );
  // A newly opened design is shown whole; frames later, once React Flow has measured its nodes.
  useEffect(() => {
    if (loadCount === 0) return;
    const empty = stores.design.getState().design.steps.length === 0;
    const frame = requestAnimationFrame(
      () => void (empty ? flow.setViewport({ x: 0, y: 0, zoom: 1 }) : flow.fitView(FIT_VIEW)),
    );
    return () => cancelAnimationFrame(frame);
  }, [loadCount, flow, stores]);

  const onNodesChange = useCallback(
    (changes: NodeChange<StepFlowNode>[]) => {
      setNodes((current) => applyNodeChanges(changes, current));
      const ui = stores.ui.getState();
      const selection = new Set(ui.selectedStepIds);
      let selectionChanged = false;
      const settled: Record<string, { x: number; y: number }> = {};
      for (const change of changes) {
        if (change.type === "select") {
          selectionChanged = true;
          if (change.selected) selection.add(change.id);
          else selection.delete(change.id);
        }
        // A move that is not mid-drag: arrow keys, or the last update of a drag. One commit per batch.
        if (change.type === "position" && change.position && change.dragging === false)
          setEntry(settled, change.id, change.position);
      }
      if (selectionChanged) ui.select([...selection]);
      if (Object.keys(settled).length > 0) stores.design.getState().moveSteps(settled);
    },
    [stores],
  );
  // Link selection belongs to the designer (Delete reads it there); the canvas only mirrors it.
  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      const ui = stores.ui.getState();
      const byId = new Map(
        stores.design.getState().design.edges.map((edge) => [edgeId(edge), edge]),
      );
      const selection = new Map(ui.selectedEdges.map((edge) => [edgeId(edge), edge]));
      let changed = false;
      for (const change of changes) {
        if (change.type !== "select") continue;
        const edge = byId.get(change.id);
        changed = true;
        if (change.selected && edge) selection.set(change.id, edge);
        else selection.delete(change.id);
      }
      if (changed) ui.selectEdges([...selection.values()]);
    },
    [stores],
  );
  const onNodeDragStop = useCallback(
    (_event: unknown, _node: StepFlowNode, dragged: StepFlowNode[]) =>
      stores.design
        .getState()
        .moveSteps(Object.fromEntries(dragged.map((node) => [node.id, node.position]))),
    [stores],
  );

  const isValidConnection = useCallback(
    (connection: Connection | FlowEdge) => {
      const edge = connectionEdge(connection);
      const drag = stores.ui.getState().linkDrag;
      return Boolean(edge && drag && verdictForEdge(drag, edge)?.allowed);
    },
    [stores],
  );
  const onConnectStart = useCallback(
    (_event: unknown, params: OnConnectStartParams) => {
      if (!params.nodeId || !params.handleId) return;
      const direction = params.handleType === "source" ? "out" : "in";
      stores.ui.getState().setRefusal(null);
      stores.ui
        .getState()
        .setLinkDrag(
          linkVerdicts(stores.design.getState().design, params.nodeId, direction, params.handleId),
        );
    },
    [stores],
  );
  const onConnect = useCallback(
    (connection: Connection) => {
      const edge = connectionEdge(connection);
      if (!edge) return;
      const check = stores.design.getState().connect(edge);
      const ui = stores.ui.getState();
      ui.announce(
        !check.allowed
          ? `Link refused: ${check.message}`
          : isBranchOutput(edge.from.output)
            ? `${check.explanation}.`
            : `Linked ${edge.from.output} to ${edge.to.input}.`,
      );
    },
    [stores],
  );
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
      const ui = stores.ui.getState();
      const drag = ui.linkDrag;
      ui.setLinkDrag(null);
      if (!drag || !state.toHandle || state.isValid) return;
      const direction = state.toHandle.type === "target" ? "in" : "out";
      const verdict =
        drag.verdicts[`${state.toHandle.nodeId}:${direction}:${state.toHandle.id ?? ""}`];
      const message = verdict?.message ?? "these two ports cannot be linked";
      const point = "changedTouches" in event ? event.changedTouches[0] : event;
      ui.setRefusal({ message, x: point?.clientX ?? 0, y: point?.clientY ?? 0 });
      ui.announce(`Link refused: ${message}`);
    },
    [stores],
  );

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(STEP_TYPE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(STEP_TYPE_MIME);
      if (!type) return;
      event.preventDefault();
      const design = stores.design.getState().design;
      const anchor = stores.ui.getState().selectedStepIds.at(-1) ?? null;
      const id = stores.design
        .getState()
        .addStep(
          type,
          flow.screenToFlowPosition({ x: event.clientX, y: event.clientY }),
          initialConfig(design, type, anchor),
        );
      if (id) stores.ui.getState().select([id]);
    },
    [flow, stores],
  );

  return (
    <div
      className="canvas"
      onDragOver={onDragOver}
      onDrop={onDrop}
      onPointerDown={() => refusal && stores.ui.getState().setRefusal(null)}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onNodeDragStop={onNodeDragStop}
        onConnectStart={onConnectStart}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        deleteKeyCode={null}
        fitView
        fitViewOptions={FIT_VIEW}
        minZoom={0.1}
        onlyRenderVisibleElements={design.steps.length > 200}
        aria-label="Pipeline canvas"
      >
        <Background />
        <MiniMap pannable zoomable ariaLabel="Minimap" nodeColor="#9fb3c8" />
        <Controls aria-label="Zoom controls" />
      </ReactFlow>
      {design.steps.length === 0 && (
        <p className="canvas__empty">
          Drag a step from the palette, or focus one and press Enter, to start a pipeline.
        </p>
      )}
      {refusal && (
        <div
          className="link-refusal"
          role="alert"
          style={{ left: refusal.x + 12, top: refusal.y + 12 }}
        >
          {refusal.message}
        </div>
      )}
    </div>
  );
}
