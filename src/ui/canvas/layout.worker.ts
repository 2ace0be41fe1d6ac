// Runs elkjs's layered layout off the main thread; the page posts a graph and gets positions back.
import ELK, { type ElkNode } from "elkjs/lib/elk.bundled.js";

const elk = new ELK();

export interface LayoutRequest {
  nodes: { id: string; width: number; height: number }[];
  edges: { id: string; source: string; target: string }[];
}

self.onmessage = async (event: MessageEvent<LayoutRequest>) => {
  const graph: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.layered.spacing.nodeNodeBetweenLayers": "90",
      "elk.spacing.nodeNode": "40",
      "elk.layered.nodePlacement.strategy": "BRANDES_KOEPF",
    },
    children: event.data.nodes,
    edges: event.data.edges.map((edge) => ({
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
    })),
  };
  try {
    const laidOut = await elk.layout(graph);
    const positions = Object.fromEntries(
      (laidOut.children ?? []).map((child) => [
        child.id,
        { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) },
      ]),
    );
    self.postMessage({ ok: true, positions });
  } catch (error) {
    self.postMessage({
      ok: false,
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
