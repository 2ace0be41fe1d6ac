/** A text change that turns one document into another, as CodeMirror applies it. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const indentOf = (line: string) => line.length - line.trimStart().length;
const STEP_LIST = /^\s*"(Steps|IfSteps|ElseSteps)": \[$/;

/**
 * Whether line `index` (a key at `indent`) is a key of a step object: its object opens at
 * `indent - 2` inside a `Steps` list, or a condition's `IfSteps` / `ElseSteps` list.
 */
function isStepKey(lines: readonly string[], index: number, indent: number): boolean {
  let at = index - 1;
  while (at >= 0 && indentOf(lines[at] as string) >= indent) at--;
  const open = lines[at];
  if (open === undefined || open.trim() !== "{" || indentOf(open) !== indent - 2) return false;
  at--;
  while (at >= 0 && indentOf(lines[at] as string) >= indent - 2) at--;
  const list = lines[at];
  return list !== undefined && indentOf(list) === indent - 4 && STEP_LIST.test(list);
}

/**
 * The 1-based line of `"Name": "<stepName>"` for a design step in the definition JSON, or null.
 * Only step-level `Name` keys count (not metric names), at the top level or nested in a
 * condition's `IfSteps` / `ElseSteps`; a model step renders under its SDK names, so
 * `{name}-RepackModel-0`, `{name}-CreateModel` and `{name}-RegisterModel` are tried after the
 * exact name.
 */
export function stepNameLine(json: string, stepName: string): number | null {
  const lines = json.split("\n");
  const candidates = [
    stepName,
    `${stepName}-RepackModel-0`,
    `${stepName}-CreateModel`,
    `${stepName}-RegisterModel`,
  ];
  for (const candidate of candidates) {
    const pattern = new RegExp(`^\\s*"Name": ${escapeRegExp(JSON.stringify(candidate))},?$`);
    for (let index = 0; index < lines.length; index++) {
      const line = lines[index] as string;
      if (pattern.test(line) && isStepKey(lines, index, indentOf(line))) return index + 1;
    }
  }
  return null;
}

/** The smallest single change from `before` to `after` (common prefix and suffix kept), or null. */
export function minimalChange(before: string, after: string): TextChange | null {
  if (before === after) return null;
  const limit = Math.min(before.length, after.length);
  let start = 0;
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < limit - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  )
    end++;
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}

/** `<pipeline name>.definition.json`, the Download button's file name. */
export function definitionFileName(pipelineName: string): string {
  const name = pipelineName.trim().replace(/[\\/:*?"<>|]+/g, "-");
  return `${name || "pipeline"}.definition.json`;
}
