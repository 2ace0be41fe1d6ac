import { memo, useEffect, useImperativeHandle, useRef, useState, type Ref } from "react";
import { INLINE_CODE_LIMIT_BYTES } from "../../catalog";
import { sizeProblem } from "../../store/codeFiles";
import type { CommandResult } from "../../store/designStore";
import { createBurst } from "./codeBurst";
import type * as CodeEditorViewModule from "./codeEditorView";
import type { CodeEditorHandle } from "./codeEditorView";
import type { FileProblem } from "./codeProblems";

type EditorModule = typeof CodeEditorViewModule;

/** What the Code section asks of the editor around its own commands. */
export interface CodeEditorController {
  /** Commits pending edits now (before another command changes the files). */
  flush(): void;
  renamed(from: string, to: string): void;
  forget(fileName: string): void;
  goTo(line: number, column?: number): void;
}

export interface CodeEditorProps {
  fileName: string;
  /** The file's text in the document. */
  text: string;
  /** UTF-8 bytes of the step's other inline files. */
  otherBytes: number;
  problems: readonly FileProblem[];
  /** Stores a burst of edits: one undo step. */
  onCommit: (fileName: string, text: string) => CommandResult;
  /** A refused edit or commit, said under the editor. */
  onRefused: (message: string) => void;
  ref?: Ref<CodeEditorController>;
}

const COMMIT_DELAY_MS = 500;

/**
 * The open inline file in CodeMirror 6 with Python highlighting, loaded with `import()` on first
 * show so the editor is its own chunk. Typing is committed to the document after a pause or on
 * blur, one undo step per burst; changes from outside (undo, import) replace the text with the
 * smallest change, so the cursor stays. Until CodeMirror has loaded a read-only copy stands in;
 * if it cannot load, a plain text area edits the file instead.
 */
export const CodeEditor = memo(function CodeEditor({
  fileName,
  text,
  otherBytes,
  problems,
  onCommit,
  onRefused,
  ref,
}: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const [editorModule, setEditorModule] = useState<EditorModule | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [editor, setEditor] = useState<CodeEditorHandle | null>(null);
  const latest = useRef({ text, otherBytes, onCommit, onRefused });
  /** The file shown in the editor, and its text as the document last held it. */
  const openFile = useRef<string | null>(null);
  const committed = useRef(text);
  const editorRef = useRef<CodeEditorHandle | null>(null);
  const [burst] = useState(() =>
    createBurst(() => {
      const view = editorRef.current;
      const name = openFile.current;
      if (!view || name === null) return;
      const current = view.text();
      if (current === committed.current) return;
      const result = latest.current.onCommit(name, current);
      if (result.ok) committed.current = current;
      else latest.current.onRefused(`Not saved: ${result.message}.`);
    }, COMMIT_DELAY_MS),
  );

  useEffect(() => {
    latest.current = { text, otherBytes, onCommit, onRefused };
  });

  useEffect(() => {
    if (editorModule) return;
    let live = true;
    import("./codeEditorView").then(
      (loaded) => live && setEditorModule(loaded),
      () => live && setLoadError(true),
    );
    return () => {
      live = false;
    };
  }, [editorModule]);

  useEffect(() => {
    const parent = host.current;
    if (!parent || !editorModule) return;
    const created = editorModule.createCodeEditor(parent, {
      onEdit: () => burst.edited(),
      onBlur: () => burst.flush(),
      otherBytes: () => latest.current.otherBytes,
      limitBytes: INLINE_CODE_LIMIT_BYTES,
      sizeProblem,
      onRefused: (message) => latest.current.onRefused(message),
    });
    editorRef.current = created;
    setEditor(created);
    return () => {
      burst.flush();
      editorRef.current = null;
      openFile.current = null;
      created.destroy();
      setEditor(null);
    };
  }, [editorModule, burst]);

  // Another file: commit what was typed in the last one, then show this one.
  useEffect(() => {
    if (!editor) return;
    burst.flush();
    openFile.current = fileName;
    committed.current = latest.current.text;
    editor.open(fileName, latest.current.text);
  }, [editor, fileName, burst]);

  // The document changed underneath (undo, redo, import): it wins over uncommitted typing.
  useEffect(() => {
    if (!editor || openFile.current !== fileName || text === committed.current) return;
    burst.cancel();
    committed.current = text;
    editor.setText(text);
  }, [editor, fileName, text, burst]);

  useEffect(() => {
    editor?.setProblems(problems);
  }, [editor, problems, fileName]);

  useImperativeHandle(
    ref,
    () => ({
      flush: () => burst.flush(),
      renamed: (from, to) => {
        if (openFile.current === from) openFile.current = to;
        editor?.renamed(from, to);
      },
      forget: (name) => editor?.forget(name),
      goTo: (line, column) => editor?.goTo(line, column),
    }),
    [burst, editor],
  );

  return (
    <div className="insp-code__editor">
      {editor ? null : loadError ? (
        <PlainEditor fileName={fileName} text={text} onCommit={onCommit} onRefused={onRefused} />
      ) : (
        <pre className="insp-code__plain" aria-label={`Code editor: ${fileName}`} tabIndex={0}>
          {text}
        </pre>
      )}
      {loadError ? (
        <p className="insp-muted">The code editor could not load; editing as plain text.</p>
      ) : null}
      <div ref={host} hidden={!editor} />
    </div>
  );
});

/** The fallback when CodeMirror cannot load: a text area committed on blur. */
function PlainEditor({
  fileName,
  text,
  onCommit,
  onRefused,
}: Pick<CodeEditorProps, "fileName" | "text" | "onCommit" | "onRefused">) {
  const [draft, setDraft] = useState(text);
  const [seen, setSeen] = useState(text);
  if (seen !== text) {
    setSeen(text);
    setDraft(text);
  }
  return (
    <textarea
      className="insp-code__plain"
      aria-label={`Code editor: ${fileName}`}
      spellCheck={false}
      rows={16}
      value={draft}
      onChange={(event) => setDraft(event.target.value)}
      onBlur={() => {
        if (draft === text) return;
        const result = onCommit(fileName, draft);
        if (!result.ok) onRefused(`Not saved: ${result.message}.`);
      }}
    />
  );
}
