import type { Piece, StringValue } from "./values";

/** Edit distance between two short strings, a swap of neighbours counting as one edit ("trian"). */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => (rows[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The closest of `candidates` to `word`, if it is close enough to be a typo of it. */
export function closest(word: string, candidates: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  const allowed = Math.max(1, Math.floor(Math.max(word.length, best?.length ?? 0) / 3));
  return best !== null && bestDistance <= allowed ? best : null;
}

const trim = (path: string) => path.replace(/\/+$/, "") || "/";
const under = (path: string, dir: string) => path === dir || path.startsWith(`${dir}/`);

export interface PathProblem {
  /** The deepest part of the path the container has. */
  known: string;
  /** The first segment after it, which the container does not have. */
  segment: string;
  /** Where that segment starts in the value's text. */
  segmentStart: number;
  suggestion: string | null;
  /** The names the container has at that level. */
  siblings: string[];
}

/**
 * Judges a path against what the container has: below an open directory anything goes; above
 * or at a known path is fine; otherwise the first unknown segment is the problem.
 */
export function pathProblem(
  path: string,
  openDirs: readonly string[],
  knownPaths: readonly string[],
): PathProblem | null {
  const target = trim(path);
  const roots = [...openDirs, ...knownPaths].map(trim);
  if (openDirs.some((dir) => under(target, trim(dir)))) return null;
  if (roots.some((root) => under(root, target))) return null;
  const segments = target.split("/");
  let depth = 1;
  while (depth < segments.length) {
    const prefix = segments.slice(0, depth + 1).join("/");
    if (!roots.some((root) => under(root, prefix))) break;
    depth++;
  }
  const known = segments.slice(0, depth).join("/") || "/";
  const segment = segments[depth] ?? "";
  const siblings = [
    ...new Set(
      roots
        .filter((root) => root.startsWith(`${known}/`))
        .map((root) => root.slice(known.length + 1).split("/")[0] as string),
    ),
  ].sort();
  const match = closest(segment, siblings);
  const suggestion =
    match === null
      ? null
      : [...segments.slice(0, depth), match, ...segments.slice(depth + 1)].join("/");
  return { known, segment, segmentStart: known.length + 1, suggestion, siblings };
}

/** The literal piece a character of a value was written in, with that character's offset in it. */
export function pieceAt(
  value: StringValue,
  index: number,
): { piece: Piece; within: number } | null {
  const piece = value.pieces.find((candidate) => index >= candidate.start && index < candidate.end);
  return piece ? { piece, within: piece.offset + index - piece.start } : null;
}
