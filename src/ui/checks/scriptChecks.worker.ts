// Runs the script checks (src/checks) off the main thread. web-tree-sitter and the Python grammar
// are fetched the first time a check runs, so neither is in the initial bundle.
import "../../model/noEval";
import pythonGrammarUrl from "tree-sitter-python/tree-sitter-python.wasm?url";
import { Language, Parser } from "web-tree-sitter";
import runtimeUrl from "web-tree-sitter/web-tree-sitter.wasm?url";
import { checkScripts } from "../../checks";
import type { ScriptCheckAnswer, ScriptCheckRequest } from "../../store/scriptChecker";

let parser: Promise<Parser> | undefined;

function loadParser(): Promise<Parser> {
  parser ??= (async () => {
    await Parser.init({ locateFile: () => runtimeUrl });
    const python = await Language.load(pythonGrammarUrl);
    const loaded = new Parser();
    loaded.setLanguage(python);
    return loaded;
  })();
  return parser;
}

self.onmessage = async (event: MessageEvent<ScriptCheckRequest>) => {
  const { id, design } = event.data;
  let answer: ScriptCheckAnswer;
  try {
    answer = { id, ok: true, diagnostics: checkScripts(design, await loadParser()) };
  } catch (error) {
    // A parser that failed to load is tried again on the next request.
    parser = undefined;
    answer = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  self.postMessage(answer);
};
