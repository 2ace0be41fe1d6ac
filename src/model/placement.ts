import type { Design } from "./schema";

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/**
 * The box a step is assumed to take where its drawn size is not known: a node is 230 px wide
 * at least (styles.css) and about 120 px tall with two ports a side; real nodes can be larger,
 * so sizes the canvas measured take precedence.
 */
export const NOMINAL_STEP_SIZE: Size = { width: 260, height: 150 };
const GAP = 40;

const overlaps = (a: Point, aSize: Size, b: Point, bSize: Size) =>
  a.x < b.x + bSize.width + GAP &&
  b.x < a.x + aSize.width + GAP &&
  a.y < b.y + bSize.height + GAP &&
  b.y < a.y + aSize.height + GAP;

/**
 * Where a new step goes: right of `anchor` (the selected or last added step), or at `fallback`
 * (the centre of the view) without one; moved down, then right, until it overlaps no step (with
 * a gap), so keyboard-added steps never land on each other and every port stays reachable.
 */
export function freePosition(
  design: Design,
  anchorId: string | null,
  fallback: Point,
  sizeOf: (stepId: string) => Size = () => NOMINAL_STEP_SIZE,
  size: Size = NOMINAL_STEP_SIZE,
): Point {
  const anchor = anchorId ? design.steps.find((step) => step.id === anchorId) : undefined;
  const start = anchor
    ? { x: anchor.position.x + sizeOf(anchor.id).width + GAP, y: anchor.position.y }
    : { x: Math.round(fallback.x - size.width / 2), y: Math.round(fallback.y - size.height / 2) };
  const boxes = design.steps.map((step) => ({ position: step.position, size: sizeOf(step.id) }));
  const free = (point: Point) =>
    boxes.every((box) => !overlaps(point, size, box.position, box.size));
  // A few columns to the right, each searched downwards; past them, right of every step (always free).
  for (let column = 0; column < 8; column++) {
    for (let row = 0; row < 24; row++) {
      const point = {
        x: start.x + column * (size.width + GAP),
        y: start.y + row * (size.height + GAP),
      };
      if (free(point)) return point;
    }
  }
  const right = Math.max(...boxes.map((box) => box.position.x + box.size.width));
  return { x: right + GAP + 1, y: start.y };
}
