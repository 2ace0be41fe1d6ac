import { memo, useCallback, useMemo, useState } from "react";
import { METRIC_PRESETS, type MetricDefinition } from "../../catalog";
import type { Step } from "../../model";
import type { DesignState } from "../../store/designStore";
import { useDesign } from "../designerContext";
import { LogTester } from "./LogTester";
import { MetricDefinitionsTable } from "./MetricDefinitionsTable";
import {
  effectiveMetricList,
  metricListForCommit,
  metricRowProblems,
  sameMetricList,
} from "./metricMatching";
import { trainingSelectionHint, useSelectedStep } from "./useSelectedStep";

const selectSetStepConfigValue = (state: DesignState) => state.setStepConfigValue;
const PRESET_NAMES = Object.keys(METRIC_PRESETS) as (keyof typeof METRIC_PRESETS)[];

/** Metric definitions of the selected training step, with a live tester for sample log lines. */
export const MetricsPanel = memo(function MetricsPanel() {
  const selected = useSelectedStep();
  // Kept here so the pasted lines survive switching steps.
  const [sample, setSample] = useState("");
  const hint = trainingSelectionHint(selected, "metric definitions");
  if (hint || !selected.step) return <p className="previews__hint">{hint}</p>;
  return <StepMetrics step={selected.step} sample={sample} onSampleChange={setSample} />;
});

interface EditState {
  stepId: string;
  /** The stored list this draft started from (or last committed). */
  base: MetricDefinition[];
  draft: MetricDefinition[];
}

const StepMetrics = memo(function StepMetrics({
  step,
  sample,
  onSampleChange,
}: {
  step: Step;
  sample: string;
  onSampleChange: (text: string) => void;
}) {
  const setStepConfigValue = useDesign(selectSetStepConfigValue);
  const committed = useMemo(() => effectiveMetricList(step), [step]);
  const [edit, setEdit] = useState<EditState>({
    stepId: step.id,
    base: committed,
    draft: committed,
  });
  const [focusRow, setFocusRow] = useState<number | null>(null);

  // Another step, or the stored list changed elsewhere (undo, inspector): start over from it.
  let current = edit;
  if (edit.stepId !== step.id || !sameMetricList(edit.base, committed)) {
    current = { stepId: step.id, base: committed, draft: committed };
    setEdit(current);
  }
  const draft = current.draft;
  const problems = useMemo(() => metricRowProblems(draft), [draft]);

  /** One commit = one setStepConfigValue call = one undo step (none when nothing changed). */
  const commit = useCallback(
    (next: MetricDefinition[]) => {
      const list = metricListForCommit(next);
      setEdit({ stepId: step.id, base: list, draft: next });
      if (!sameMetricList(list, committed))
        setStepConfigValue(step.id, ["metricDefinitions"], list);
    },
    [committed, setStepConfigValue, step.id],
  );
  const change = useCallback(
    (next: MetricDefinition[]) => setEdit((state) => ({ ...state, draft: next })),
    [],
  );
  const revert = useCallback(() => setEdit((state) => ({ ...state, draft: state.base })), []);
  const add = useCallback(() => {
    setEdit((state) => ({ ...state, draft: [...state.draft, { name: "", regex: "" }] }));
    setFocusRow(draft.length);
  }, [draft.length]);

  return (
    <div>
      <div className="previews__toolbar" role="group" aria-label="Use preset">
        <span>Use preset:</span>
        {PRESET_NAMES.map((name) => (
          <button
            key={name}
            type="button"
            onClick={() => commit(METRIC_PRESETS[name].map((metric) => ({ ...metric })))}
          >
            {name}
          </button>
        ))}
      </div>
      <MetricDefinitionsTable
        stepName={step.name}
        draft={draft}
        problems={problems}
        focusRow={focusRow}
        onChange={change}
        onCommit={commit}
        onRevert={revert}
      />
      <div className="previews__toolbar">
        <button type="button" onClick={add}>
          Add metric
        </button>
      </div>
      <LogTester metrics={draft} sample={sample} onSampleChange={onSampleChange} />
    </div>
  );
});
