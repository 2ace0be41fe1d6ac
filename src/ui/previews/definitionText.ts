/** A text change that turns one document into another, as CodeMirror applies it. */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The 1-based line of `"Name": "<stepName>"` for a design step in the definition JSON, or null.
 * Only step-level `Name` keys count (not metric names); a model step renders under its SDK names,
 * so `{name}-RepackModel-0` and then `{name}-CreateModel` are tried after the exact name.
 */
export function stepNameLine(json: string, stepName: string): number | null {
  const lines = json.split("\n");
  const stepsLine = lines.findIndex((line) => /^\s*"Steps": \[/.test(line));
  if (stepsLine < 0) return null;
  const indent = " ".repeat(((/^\s*/.exec(lines[stepsLine] ?? "") ?? [""])[0] ?? "").length + 4);
  for (const candidate of [stepName, `${stepName}-RepackModel-0`, `${stepName}-CreateModel`]) {
    const pattern = new RegExp(`^${indent}"Name": ${escapeRegExp(JSON.stringify(candidate))},?$`);
    for (let index = stepsLine + 1; index < lines.length; index++)
      if (pattern.test(lines[index] ?? "")) return index + 1;
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
