import { stepType } from "../../catalog";
import { sameEdge, type Design, type Edge } from "../../model";
import { checkLink } from "../../resolver";
import { portKey, type LinkDrag } from "../../store/uiStore";

/**
 * For a link dragged from one port, the verdict of every port it could end on: the same
 * `checkLink` that refuses or accepts the drop, so highlighting never disagrees with the result.
 */
export function linkVerdicts(
  design: Design,
  stepId: string,
  direction: "in" | "out",
  logicalName: string,
): LinkDrag {
  const verdicts: LinkDrag["verdicts"] = {};
  for (const other of design.steps) {
    const definition = stepType(other.type);
    if (!definition) continue;
    const ports = direction === "out" ? definition.dependencies : definition.outputs;
    for (const port of ports) {
      const edge: Edge =
        direction === "out"
          ? {
              from: { step: stepId, output: logicalName },
              to: { step: other.id, input: port.logicalName },
            }
          : {
              from: { step: other.id, output: port.logicalName },
              to: { step: stepId, input: logicalName },
            };
      // Re-drawing an existing link is not a new link: show it as taken, not as a target.
      const existing = design.edges.some((candidate) => sameEdge(candidate, edge));
      const check = existing
        ? { allowed: false as const, message: "already linked" }
        : checkLink(design, edge);
      verdicts[portKey(other.id, direction === "out" ? "in" : "out", port.logicalName)] =
        check.allowed
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
