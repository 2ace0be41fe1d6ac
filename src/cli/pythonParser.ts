import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Language, Parser } from "web-tree-sitter";
import type { PythonParser } from "../checks";

let loading: Promise<PythonParser> | undefined;

/** The Python parser for Node: web-tree-sitter with the grammar wasm from node_modules, loaded once. */
export function loadPythonParser(): Promise<PythonParser> {
  loading ??= (async () => {
    await Parser.init();
    const require = createRequire(import.meta.url);
    const grammar = readFileSync(require.resolve("tree-sitter-python/tree-sitter-python.wasm"));
    const parser = new Parser();
    parser.setLanguage(await Language.load(grammar));
    return parser;
  })();
  return loading;
}
