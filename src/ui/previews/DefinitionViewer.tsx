import { memo, useEffect, useRef, useState } from "react";
import { stepNameLine } from "./definitionText";
import type * as DiffViewerModule from "./diffViewer";
import type * as JsonViewerModule from "./jsonViewer";
import type { DefinitionView } from "./jsonViewer";

type JsonModule = typeof JsonViewerModule;
type DiffModule = typeof DiffViewerModule;

export interface DefinitionViewerProps {
  text: string;
  /** The baseline to diff against, or null for the plain JSON view. */
  original: string | null;
  /** The design step whose part to scroll into view when selected. */
  stepName: string | null;
  /** Whether the panel is shown: loading and scrolling wait for it. */
  active: boolean;
  label: string;
}

/**
 * The definition in CodeMirror 6, loaded with `import()` on first show so the editor is its own
 * chunk; a plain `<pre>` stands in until it has loaded (or if it fails to).
 */
export const DefinitionViewer = memo(function DefinitionViewer({
  text,
  original,
  stepName,
  active,
  label,
}: DefinitionViewerProps) {
  const host = useRef<HTMLDivElement>(null);
  const latestText = useRef(text);
  const [jsonModule, setJsonModule] = useState<JsonModule | null>(null);
  const [diffModule, setDiffModule] = useState<DiffModule | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [view, setView] = useState<DefinitionView | null>(null);
  const diff = original !== null;

  useEffect(() => {
    if (!active || jsonModule) return;
    let live = true;
    import("./jsonViewer").then(
      (loaded) => live && setJsonModule(loaded),
      () => live && setLoadError(true),
    );
    return () => {
      live = false;
    };
  }, [active, jsonModule]);

  useEffect(() => {
    if (!active || !diff || diffModule) return;
    let live = true;
    import("./diffViewer").then(
      (loaded) => live && setDiffModule(loaded),
      () => live && setLoadError(true),
    );
    return () => {
      live = false;
    };
  }, [active, diff, diffModule]);

  // Declared before the view is created so a new view starts from the latest text.
  useEffect(() => {
    latestText.current = text;
    view?.setText(text);
  }, [text, view]);

  useEffect(() => {
    const parent = host.current;
    if (!parent) return;
    const created =
      original !== null
        ? diffModule?.createDiffView(parent, latestText.current, original, label)
        : jsonModule?.createJsonView(parent, latestText.current, label);
    if (!created) return;
    setView(created);
    return () => {
      created.destroy();
      setView(null);
    };
  }, [jsonModule, diffModule, original, label]);

  useEffect(() => {
    if (!view || !active || !stepName) return;
    const line = stepNameLine(latestText.current, stepName);
    if (line !== null) view.scrollToLine(line);
  }, [view, active, stepName]);

  return (
    <div className="previews__viewer">
      {view ? null : (
        <pre className="previews__pre" aria-label={label} tabIndex={0}>
          {text}
        </pre>
      )}
      {loadError ? (
        <p className="previews__note">The highlighted view could not load; showing plain text.</p>
      ) : null}
      <div ref={host} className="previews__editor" hidden={!view} />
    </div>
  );
});
