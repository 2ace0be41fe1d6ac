import { memo, useCallback, useEffect, useState } from "react";
import type { DesignState } from "../../store/designStore";
import type { BaselineState } from "../../store/baseline";
import { useBaseline, useCompiled, useDesign, useDesignerStores } from "../designerContext";
import { definitionFileName } from "./definitionText";
import { DefinitionViewer } from "./DefinitionViewer";
import { DiagnosticList } from "./DiagnosticList";
import { downloadText } from "../../io";
import { copyText } from "./fileActions";
import { useSelectedStep } from "./useSelectedStep";

const selectPipelineName = (state: DesignState) => state.design.pipeline.name;
const selectSteps = (state: DesignState) => state.design.steps;
const selectBaseline = (state: BaselineState) => state.baseline;

/**
 * The compiled pipeline definition, highlighted, with Copy, Download and a Diff against the
 * baseline. While the design does not compile: its errors, and the last good JSON greyed out.
 */
export const DefinitionPanel = memo(function DefinitionPanel({ active }: { active: boolean }) {
  const { result } = useCompiled();
  const pipelineName = useDesign(selectPipelineName);
  const steps = useDesign(selectSteps);
  const { step } = useSelectedStep();
  const baseline = useBaseline(selectBaseline);
  const stores = useDesignerStores();
  const [lastGood, setLastGood] = useState(result.ok ? result.json : null);
  const [diff, setDiff] = useState(false);
  const [status, setStatus] = useState("");

  if (result.ok && result.json !== lastGood) setLastGood(result.json);
  // The default baseline: the first definition the open document compiled to.
  useEffect(() => {
    if (result.ok) stores.baseline.getState().ensure(result.json);
  }, [result, stores]);

  const json = result.ok ? result.json : null;
  const copy = useCallback(() => {
    if (json !== null) void copyText(json, "definition").then(setStatus);
  }, [json]);
  const download = useCallback(() => {
    if (json === null) return;
    const fileName = definitionFileName(pipelineName);
    downloadText(fileName, json);
    setStatus(`Downloaded ${fileName}.`);
  }, [json, pipelineName]);
  const toggleDiff = useCallback(() => setDiff((on) => !on), []);

  const text = json ?? lastGood;
  const showDiff = diff && json !== null && baseline !== null;
  return (
    <div className="previews__definition">
      <div className="previews__toolbar" role="toolbar" aria-label="Definition actions">
        <button type="button" onClick={copy} disabled={json === null}>
          Copy
        </button>
        <button type="button" onClick={download} disabled={json === null}>
          Download
        </button>
        <button
          type="button"
          aria-pressed={diff}
          onClick={toggleDiff}
          disabled={baseline === null || json === null}
        >
          Diff
        </button>
        <span className="previews__baseline">
          Baseline: {baseline ? baseline.label : "none yet"}
          {showDiff && baseline.json === json ? " (no differences)" : ""}
        </span>
        <span role="status" className="previews__status-line">
          {status}
        </span>
      </div>
      {result.ok ? null : (
        <section className="previews__section" aria-label="Compile errors">
          <p className="previews__error">
            The design does not compile ({result.errors.length}{" "}
            {result.errors.length === 1 ? "error" : "errors"}):
          </p>
          <DiagnosticList diagnostics={result.errors} steps={steps} label="Compile errors" />
          {text !== null ? (
            <p className="previews__note">Below: the last compiled version, out of date.</p>
          ) : null}
        </section>
      )}
      {text === null ? null : (
        <div className={json === null ? "previews__stale" : undefined}>
          <DefinitionViewer
            text={text}
            original={showDiff ? baseline.json : null}
            stepName={step?.name ?? null}
            active={active}
            label="Pipeline definition JSON"
          />
        </div>
      )}
    </div>
  );
});
