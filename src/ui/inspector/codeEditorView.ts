// Loaded lazily (dynamic import from CodeEditor): CodeMirror and the Python grammar stay out of
// the initial bundle.
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import {
  bracketMatching,
  defaultHighlightStyle,
  indentOnInput,
  syntaxHighlighting,
} from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic as LintDiagnostic } from "@codemirror/lint";
import {
  Annotation,
  Compartment,
  EditorState,
  Transaction,
  type Extension,
  type Text,
} from "@codemirror/state";
import {
  drawSelection,
  EditorView,
  highlightActiveLine,
  highlightActiveLineGutter,
  keymap,
  lineNumbers,
} from "@codemirror/view";
import { minimalChange } from "../previews/definitionText";
import { problemPlace, problemRange, type FileProblem } from "./codeProblems";

export interface CodeEditorCallbacks {
  /** The user changed the text (not an external update). */
  onEdit(): void;
  onBlur(): void;
  /** UTF-8 bytes of the step's other inline files: the open file may use the rest of the limit. */
  otherBytes(): number;
  /** The inline code limit in bytes. */
  limitBytes: number;
  /** Why growing the step's code from `before` to `after` bytes is refused, or null. */
  sizeProblem(before: number, after: number): string | null;
  /** An edit was refused (it would pass the size limit); the text is as it was. */
  onRefused(message: string): void;
}

/** A CodeMirror editor for one step's inline files, one file open at a time. */
export interface CodeEditorHandle {
  /** Opens a file (its own undo history and cursor are kept while the editor lives). */
  open(fileName: string, text: string): void;
  /** The document changed outside the editor (undo, import): the smallest change, cursor kept. */
  setText(text: string): void;
  text(): string;
  setProblems(problems: readonly FileProblem[]): void;
  /** Moves the cursor to a 1-based line (and column) and focuses the editor. */
  goTo(line: number, column?: number): void;
  renamed(from: string, to: string): void;
  forget(fileName: string): void;
  destroy(): void;
}

/** Marks changes that come from the document, so they are not reported back or refused. */
const external = Annotation.define<boolean>();

/** UTF-8 size of a CodeMirror document saved with `lineBreak` between lines. */
export function textBytes(doc: Text, lineBreak = "\n"): number {
  const encoder = new TextEncoder();
  let bytes = 0;
  // The iterator yields each line break as "\n", whatever the document's separator.
  for (const chunk of doc) bytes += encoder.encode(chunk).length;
  return bytes + (lineBreak.length - 1) * (doc.lines - 1);
}

export function editorLabel(fileName: string): string {
  return `Code editor: ${fileName}`;
}

export function createCodeEditor(
  parent: HTMLElement,
  callbacks: CodeEditorCallbacks,
): CodeEditorHandle {
  const perFile = new Compartment();
  const states = new Map<string, EditorState>();
  let current: string | null = null;

  const fileExtensions = (fileName: string): Extension => [
    /\.pyi?$/.test(fileName) ? python() : [],
    EditorView.contentAttributes.of({ "aria-label": editorLabel(fileName) }),
  ];

  // Refuse, before it happens, an edit that would take the step's code past the limit.
  const sizeGuard = EditorState.transactionFilter.of((tr) => {
    if (!tr.docChanged || tr.annotation(external)) return tr;
    const others = callbacks.otherBytes();
    // UTF-8 needs at most 3 bytes per UTF-16 unit: most edits need no counting at all.
    if (others + tr.newDoc.length * 3 <= callbacks.limitBytes) return tr;
    const lineBreak = tr.startState.lineBreak;
    const problem = callbacks.sizeProblem(
      others + textBytes(tr.startState.doc, lineBreak),
      others + textBytes(tr.newDoc, lineBreak),
    );
    if (!problem) return tr;
    queueMicrotask(() => callbacks.onRefused(`Edit refused: ${problem}.`));
    return [];
  });

  const shared: Extension = [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightActiveLine(),
    drawSelection(),
    history(),
    indentOnInput(),
    bracketMatching(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    lintGutter(),
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    EditorState.tabSize.of(4),
    sizeGuard,
    EditorView.updateListener.of((update) => {
      if (update.transactions.some((tr) => tr.docChanged && !tr.annotation(external)))
        callbacks.onEdit();
    }),
    EditorView.domEventHandlers({
      blur: () => {
        callbacks.onBlur();
      },
    }),
    EditorView.theme({
      "&": { fontSize: "12px", border: "1px solid #c7d2de", borderRadius: "4px" },
      "&.cm-focused": { outline: "2px solid #1f4e79", outlineOffset: "1px" },
      ".cm-scroller": {
        fontFamily: "ui-monospace, SFMono-Regular, Menlo, monospace",
        minHeight: "160px",
        maxHeight: "420px",
      },
    }),
  ];

  const stateFor = (fileName: string, text: string) =>
    EditorState.create({
      doc: text,
      extensions: [
        shared,
        perFile.of(fileExtensions(fileName)),
        // Keep Windows line ends as they are: an edit changes only what was typed.
        text.includes("\r\n") ? EditorState.lineSeparator.of("\r\n") : [],
      ],
    });

  const view = new EditorView({ parent, state: stateFor("", "") });

  const setText = (text: string) => {
    const change = minimalChange(view.state.doc.toString(), text);
    if (!change) return;
    view.dispatch({
      changes: change,
      annotations: [external.of(true), Transaction.addToHistory.of(false)],
    });
  };

  return {
    open(fileName, text) {
      if (fileName === current) return setText(text);
      if (current !== null) states.set(current, view.state);
      current = fileName;
      view.setState(states.get(fileName) ?? stateFor(fileName, text));
      setText(text);
    },
    setText,
    text: () => view.state.doc.toString(),
    setProblems(problems) {
      const diagnostics: LintDiagnostic[] = problems.map((problem) => ({
        ...problemRange(view.state.doc, problem),
        severity: problem.severity,
        message: `${problem.message} (${problem.code})`,
        source: problemPlace(problem),
      }));
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },
    goTo(lineNumber, column) {
      const doc = view.state.doc;
      const line = doc.line(Math.min(Math.max(lineNumber, 1), doc.lines));
      const anchor = line.from + Math.min(Math.max((column ?? 1) - 1, 0), line.length);
      view.dispatch({ selection: { anchor }, scrollIntoView: true });
      view.focus();
    },
    renamed(from, to) {
      if (current === from) {
        current = to;
        view.dispatch({ effects: perFile.reconfigure(fileExtensions(to)) });
      } else {
        const state = states.get(from);
        states.delete(from);
        if (state)
          states.set(to, state.update({ effects: perFile.reconfigure(fileExtensions(to)) }).state);
      }
    },
    forget(fileName) {
      states.delete(fileName);
      // A deleted open file is not kept when the next one opens.
      if (current === fileName) current = null;
    },
    destroy() {
      view.destroy();
    },
  };
}
