import type { Design } from "../../model";
import { operandSteps } from "../../resolver";
import type { LayoutRequest } from "./layout.worker";

export type Positions = Record<string, { x: number; y: number }>;

const DEFAULT_SIZE = { width: 240, height: 110 };

/** Layered left→right layout of the design, computed by elkjs in a Web Worker. */
export function layoutDesign(
  design: Design,
  sizes: Record<string, { width?: number; height?: number }>,
): Promise<Positions> {
  const request: LayoutRequest = {
    nodes: design.steps.map((step) => ({
      id: step.id,
      width: sizes[step.id]?.width ?? DEFAULT_SIZE.width,
      height: sizes[step.id]?.height ?? DEFAULT_SIZE.height,
    })),
    edges: [
      ...design.edges.map((edge, index) => ({
        id: `e${index}`,
        source: edge.from.step,
        target: edge.to.step,
      })),
      // A condition (or fail message) reading a step's metric runs after it: lay it out after it.
      ...design.steps.flatMap((step) =>
        operandSteps(step)
          .filter((id) => id !== step.id && design.steps.some((other) => other.id === id))
          .map((id) => ({ id: `o-${id}-${step.id}`, source: id, target: step.id })),
      ),
    ],
  };
  const worker = new Worker(new URL("./layout.worker.ts", import.meta.url), { type: "module" });
  return new Promise<Positions>((resolve, reject) => {
    worker.onmessage = (
      event: MessageEvent<{ ok: true; positions: Positions } | { ok: false; message: string }>,
    ) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data.positions);
      else reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || "the layout worker failed"));
    };
    worker.postMessage(request);
  });
}
