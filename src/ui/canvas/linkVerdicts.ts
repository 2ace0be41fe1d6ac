import { sameEdge, type Design, type Edge } from "../../model";
import { checkLink, inputPortNames, outputPortNames } from "../../resolver";
import { portKey, type LinkDrag } from "../../store/uiStore";

/**
 * For a link dragged from one port, the verdict of every port it could end on: the same
 * `checkLink` that refuses or accepts the drop, so highlighting never disagrees with the result.
 * Branch ports count as ports: a condition's "if true"/"if false" and every step's `branch` input.
 */
export function linkVerdicts(
  design: Design,
  stepId: string,
  direction: "in" | "out",
  logicalName: string,
): LinkDrag {
  const verdicts: LinkDrag["verdicts"] = {};
  for (const other of design.steps) {
    const ports = direction === "out" ? inputPortNames(other) : outputPortNames(other);
    for (const port of ports) {
      const edge: Edge =
        direction === "out"
          ? { from: { step: stepId, output: logicalName }, to: { step: other.id, input: port } }
          : { from: { step: other.id, output: port }, to: { step: stepId, input: logicalName } };
      // Re-drawing an existing link is not a new link: show it as taken, not as a target.
      const existing = design.edges.some((candidate) => sameEdge(candidate, edge));
      const check = existing
        ? { allowed: false as const, message: "already linked" }
        : checkLink(design, edge);
      verdicts[portKey(other.id, direction === "out" ? "in" : "out", port)] = check.allowed
        ? { allowed: true, message: check.explanation }
        : { allowed: false, message: check.message };
    }
  }
  return { from: portKey(stepId, direction, logicalName), verdicts };
}

/** A React Flow connection as a design edge (source = output port, target = input port). */
export function connectionEdge(connection: {
  source: string;
  sourceHandle?: string | null;
  target: string;
  targetHandle?: string | null;
}): Edge | null {
  if (!connection.sourceHandle || !connection.targetHandle) return null;
  return {
    from: { step: connection.source, output: connection.sourceHandle },
    to: { step: connection.target, input: connection.targetHandle },
  };
}
