// Bare @xyflow/react with the designer's canvas chrome (Background, MiniMap, Controls, the same
// zoom limits and fit): the baseline the designer's canvas figures are divided by. Driven by the
// benchmark through `window.__bare`; the "Label" field renames the selected node on Enter, the
// baseline for the designer's edit latency.
import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  useEdgesState,
  useNodesState,
  useReactFlow,
  type Edge,
  type Node,
} from "@xyflow/react";
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";

const FIT_VIEW = { maxZoom: 1 };

function Bare() {
  const [nodes, setNodes, onNodesChange] = useNodesState<Node>([]);
  const [edges, setEdges, onEdgesChange] = useEdgesState<Edge>([]);
  const [loads, setLoads] = useState(0);
  const [label, setLabel] = useState("");
  const [size, setSize] = useState({ width: 1000, height: 600 });
  const flow = useReactFlow();

  useEffect(() => {
    window.__bare = {
      load: (next, nextEdges, box) => {
        // An empty load resets the view, so the next load's fit is seen as a change.
        if (next.length === 0) void flow.setViewport({ x: 0, y: 0, zoom: 1 });
        setSize(box);
        setNodes(next as Node[]);
        setEdges(nextEdges as Edge[]);
        setLoads((count) => count + 1);
      },
    };
  }, [setNodes, setEdges, flow]);
  // As the designer does: fit the new graph a frame later, once React Flow has measured it.
  useEffect(() => {
    if (loads === 0) return;
    const frame = requestAnimationFrame(() => void flow.fitView(FIT_VIEW));
    return () => cancelAnimationFrame(frame);
  }, [loads, flow]);

  const rename = () =>
    setNodes((current) =>
      current.map((node) => (node.selected ? { ...node, data: { ...node.data, label } } : node)),
    );
  return (
    <div style={{ display: "flex" }}>
      <div style={size}>
        <ReactFlow
          nodes={nodes}
          edges={edges}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          fitView
          fitViewOptions={FIT_VIEW}
          minZoom={0.1}
        >
          <Background />
          <MiniMap pannable zoomable />
          <Controls />
        </ReactFlow>
      </div>
      <label style={{ width: 240, padding: 8 }}>
        Label
        <input
          value={label}
          onChange={(event) => setLabel(event.target.value)}
          onKeyDown={(event) => event.key === "Enter" && rename()}
        />
      </label>
    </div>
  );
}

createRoot(document.getElementById("root") as HTMLElement).render(
  <ReactFlowProvider>
    <Bare />
  </ReactFlowProvider>,
);
