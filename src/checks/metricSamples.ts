import type { ScriptFacts } from "./scriptFacts";
import {
  callArguments,
  calleeTail,
  dottedName,
  isString,
  stringParts,
  unwrap,
  type SyntaxNode as Node,
} from "./syntax";

/** A printed line as a template: literal text, a number, or something the checks cannot know. */
export type TemplatePart = { kind: "text"; text: string } | { kind: "number" } | { kind: "any" };
export type Template = TemplatePart[];

const LOG_METHODS = new Set([
  "debug",
  "info",
  "warning",
  "warn",
  "error",
  "critical",
  "exception",
  "log",
]);
const NUMBER_TYPES = /[bcdeEfFgGnoxX%]$/;
const PLACEHOLDER = "0.5";
const MAX_LINES = 64;

const text = (value: string): TemplatePart => ({ kind: "text", text: value });

/** The calls that write to the training log: print, logging/logger methods, sys.stdout.write. */
export function printCalls(facts: ScriptFacts): Node[] {
  return facts.calls.filter((call) => {
    const name = dottedName(call.childForFieldName("function")) ?? "";
    const tail = calleeTail(call) ?? "";
    if (name === "print" || name === "sys.stdout.write" || name === "sys.stderr.write") return true;
    const object = name.slice(0, Math.max(0, name.length - tail.length - 1));
    return LOG_METHODS.has(tail) && /log/i.test(object);
  });
}

/** Alternatives of an expression's printed text (a name over a loop prints each of its values). */
function expressionTemplates(facts: ScriptFacts, node: Node | null): Template[] {
  const target = unwrap(node);
  if (!target) return [[{ kind: "any" }]];
  if (isString(target)) return stringTemplates(facts, target);
  if (target.type === "integer" || target.type === "float") return [[{ kind: "number" }]];
  if (target.type === "binary_operator") {
    const operator = target.childForFieldName("operator")?.text;
    const left = target.childForFieldName("left");
    if (operator === "%" && isString(unwrap(left))) return [percentTemplate(unwrap(left) as Node)];
    if (operator === "+")
      return combine([
        expressionTemplates(facts, left),
        expressionTemplates(facts, target.childForFieldName("right")),
      ]);
  }
  if (target.type === "call" && calleeTail(target) === "format") {
    const callee = target.childForFieldName("function");
    const format = unwrap(callee?.childForFieldName("object") ?? null);
    if (format && isString(format))
      return [
        formatTemplate(
          stringParts(format)
            .map((part) => (part.kind === "text" ? part.text : ""))
            .join(""),
        ),
      ];
  }
  const values = facts.resolver.resolve(target);
  if (!values) return [[{ kind: "any" }]];
  return values.map((value) =>
    value.open ? [text(value.text), { kind: "any" }] : [text(value.text)],
  );
}

function stringTemplates(facts: ScriptFacts, node: Node): Template[] {
  const lists: Template[][] = stringParts(node).map((part) => {
    if (part.kind === "text") return [[text(part.text)]];
    if (part.formatSpec !== null && NUMBER_TYPES.test(part.formatSpec))
      return [[{ kind: "number" }]];
    return expressionTemplates(facts, part.expression);
  });
  return combine(lists);
}

/** `"loss=%.4f" % x` and logging's `("loss=%.4f", x)`: numeric conversions become numbers. */
function percentTemplate(format: Node): Template {
  const source = stringParts(format)
    .map((part) => (part.kind === "text" ? part.text : ""))
    .join("");
  const template: Template = [];
  const spec = /%(?:\([^)]*\))?[-+ #0]*\d*(?:\.\d+)?([diouxXeEfFgGcrsa%])/g;
  let last = 0;
  for (const match of source.matchAll(spec)) {
    template.push(text(source.slice(last, match.index)));
    const kind = match[1] as string;
    template.push(
      kind === "%" ? text("%") : /[sra c]/.test(kind) ? { kind: "any" } : { kind: "number" },
    );
    last = match.index + match[0].length;
  }
  template.push(text(source.slice(last)));
  return template;
}

/** `"{} loss: {:.4f}".format(…)`: fields with a numeric type are numbers, others unknown. */
function formatTemplate(source: string): Template {
  const template: Template = [];
  let last = 0;
  for (const match of source.matchAll(/\{\{|\}\}|\{([^{}]*)\}/g)) {
    template.push(text(source.slice(last, match.index)));
    if (match[0] === "{{" || match[0] === "}}") template.push(text(match[0][0] as string));
    else {
      const spec = (match[1] ?? "").split(":").slice(1).join(":");
      template.push(spec && NUMBER_TYPES.test(spec) ? { kind: "number" } : { kind: "any" });
    }
    last = match.index + match[0].length;
  }
  template.push(text(source.slice(last)));
  return template;
}

function combine(lists: Template[][]): Template[] {
  let result: Template[] = [[]];
  for (const list of lists) {
    const next: Template[] = [];
    for (const a of result)
      for (const b of list) if (next.length < MAX_LINES) next.push([...a, ...b]);
    result = next;
  }
  return result;
}

/** Splits templates at literal newlines: SageMaker matches metric regexes line by line. */
function lines(template: Template): Template[] {
  const found: Template[] = [[]];
  for (const part of template) {
    if (part.kind !== "text") (found.at(-1) as Template).push(part);
    else
      part.text.split("\n").forEach((piece, index) => {
        if (index > 0) found.push([]);
        if (piece) (found.at(-1) as Template).push(text(piece));
      });
  }
  return found.filter((line) => line.length > 0);
}

/** Every line the script's print and log calls can write, as templates. */
export function printedLines(facts: ScriptFacts): Template[] {
  const found: Template[] = [];
  for (const call of printCalls(facts)) {
    const { positional, keywords } = callArguments(call);
    const tail = calleeTail(call) ?? "";
    let templates: Template[];
    if (LOG_METHODS.has(tail) && positional.length > 1 && isString(unwrap(positional[0] ?? null)))
      templates = [percentTemplate(unwrap(positional[0] ?? null) as Node)];
    else {
      const sepNode = keywords.get("sep");
      const sep =
        sepNode && isString(sepNode)
          ? stringParts(sepNode)
              .map((p) => (p.kind === "text" ? p.text : ""))
              .join("")
          : " ";
      const args = tail === "log" ? positional.slice(1) : positional;
      templates = combine(
        args.map((argument, index) =>
          expressionTemplates(facts, argument).map((template) =>
            index > 0 ? [text(sep), ...template] : template,
          ),
        ),
      );
    }
    for (const template of templates) found.push(...lines(template));
  }
  return found;
}

/**
 * What a metric regex expects a line to look like, its capture group filled with a number —
 * the words an unknown part of a printed line may stand for. `null` when the regex is not simple.
 */
export function metricExample(regex: string): string | null {
  const withNumber = regex.replace(/\((?!\?)(?:[^()\\]|\\.)*\)/, PLACEHOLDER);
  const plain = withNumber.replace(/\\s[*+]?|\s[*+]/g, " ").replace(/\\([^A-Za-z0-9])/g, "$1");
  return /[[\](){}*+?|^$\\]/.test(plain.replace(/[.]/g, "")) ? null : plain;
}

/** Whether some instance of a printed line matches the regex; unknown parts try the example's words. */
export function lineCanMatch(line: Template, regex: RegExp, example: string | null): boolean {
  const prefix = example ? example.slice(0, example.indexOf(PLACEHOLDER)) : "";
  const fillers = [
    ...new Set([
      PLACEHOLDER,
      "",
      prefix,
      prefix.replace(/[\s:=]+$/, ""),
      ...(example ?? "").split(/[\s:=]+/),
    ]),
  ];
  let candidates = [""];
  for (const part of line) {
    const options =
      part.kind === "text" ? [part.text] : part.kind === "number" ? [PLACEHOLDER] : fillers;
    const next: string[] = [];
    for (const start of candidates) for (const option of options) next.push(start + option);
    if (next.length > 512) return true;
    candidates = next;
  }
  return candidates.some((candidate) => regex.test(candidate));
}
