import { memo, useId, type KeyboardEvent } from "react";
import type { MetricDefinition } from "../../catalog";
import type { MetricRowProblems } from "./metricMatching";

export interface MetricDefinitionsTableProps {
  stepName: string;
  draft: MetricDefinition[];
  problems: MetricRowProblems[];
  /** Row index whose name field takes focus when it mounts (a just-added row). */
  focusRow: number | null;
  /** Every keystroke: updates the draft only. */
  onChange: (draft: MetricDefinition[]) => void;
  /** Blur, Enter, Remove: stores the list (one undo step). */
  onCommit: (draft: MetricDefinition[]) => void;
  /** Escape: back to the stored list. */
  onRevert: () => void;
}

/** The metric definitions as an editable table: name, regex and a live status per row. */
export const MetricDefinitionsTable = memo(function MetricDefinitionsTable({
  stepName,
  draft,
  problems,
  focusRow,
  onChange,
  onCommit,
  onRevert,
}: MetricDefinitionsTableProps) {
  const prefix = useId();
  const update = (index: number, patch: Partial<MetricDefinition>) =>
    onChange(draft.map((metric, at) => (at === index ? { ...metric, ...patch } : metric)));
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      onCommit(draft);
    } else if (event.key === "Escape") {
      event.preventDefault();
      onRevert();
    }
  };

  if (draft.length === 0)
    return (
      <p className="previews__hint">
        {stepName} has no metric definitions: SageMaker will record no training metrics.
      </p>
    );

  return (
    <table className="previews__table previews__metrics">
      <caption>Metric definitions of {stepName}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Regex</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="previews__visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {draft.map((metric, index) => {
          const problem = problems[index] ?? { name: null, regex: null };
          const row = `${prefix}-metric-${index}`;
          return (
            <tr key={index}>
              <td>
                <input
                  type="text"
                  aria-label={`Name of metric ${index + 1}`}
                  value={metric.name}
                  autoFocus={index === focusRow}
                  aria-invalid={problem.name ? true : undefined}
                  aria-describedby={problem.name ? `${row}-name` : undefined}
                  onChange={(event) => update(index, { name: event.target.value })}
                  onBlur={() => onCommit(draft)}
                  onKeyDown={onKeyDown}
                />
              </td>
              <td>
                <input
                  type="text"
                  className="previews__mono"
                  aria-label={`Regex of metric ${index + 1}`}
                  value={metric.regex}
                  spellCheck={false}
                  aria-invalid={problem.regex ? true : undefined}
                  aria-describedby={`${row}-regex`}
                  onChange={(event) => update(index, { regex: event.target.value })}
                  onBlur={() => onCommit(draft)}
                  onKeyDown={onKeyDown}
                />
              </td>
              <td className="previews__status">
                {problem.name ? (
                  <div id={`${row}-name`} className="previews__problem">
                    Name {problem.name}
                  </div>
                ) : null}
                {problem.regex ? (
                  <div id={`${row}-regex`} className="previews__problem">
                    Regex {problem.regex}
                  </div>
                ) : (
                  <div id={`${row}-regex`} className="previews__ok">
                    OK: one capture group
                  </div>
                )}
              </td>
              <td>
                <button
                  type="button"
                  aria-label={`Remove metric ${index + 1}`}
                  onClick={() => onCommit(draft.filter((_, at) => at !== index))}
                >
                  Remove
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
});
