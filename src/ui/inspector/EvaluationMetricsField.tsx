import type { EvaluationMetric } from "../../catalog";
import type { Diagnostic } from "../../model";
import { describedBy, FieldMessages, useFieldIds } from "./FieldShell";
import { hasError, messagesOf, pathWithin, problemsUnder } from "./fieldProblems";
import type { FormField } from "./schemaFields";
import { useRowTable } from "./useRowTable";

export interface EvaluationMetricsFieldProps {
  stepId: string;
  field: FormField;
  stored: unknown;
  problems: readonly Diagnostic[];
}

const PARTS = [
  { key: "name", label: "name", header: "Name", placeholder: "auc" },
  { key: "jsonPath", label: "JSON path", header: "JSON path", placeholder: "metrics.auc.value" },
] as const;

const rowsOf = (value: unknown): EvaluationMetric[] =>
  Array.isArray(value)
    ? value.map((row: Partial<EvaluationMetric>) => ({
        name: String(row?.name ?? ""),
        jsonPath: String(row?.jsonPath ?? ""),
      }))
    : [];

/** Rows to store: trimmed, rows left entirely blank dropped. */
export function evaluationMetricsToStore(rows: readonly EvaluationMetric[]): EvaluationMetric[] {
  return rows
    .map((row) => ({ name: row.name.trim(), jsonPath: row.jsonPath.trim() }))
    .filter((row) => row.name !== "" || row.jsonPath !== "");
}

/**
 * The metrics an evaluation report holds, as name and JSON path rows (conditions and fail
 * messages offer them as `StepName.name`). The whole list is one commit: on leaving a row,
 * Enter, or removing a row.
 */
export function EvaluationMetricsField({
  stepId,
  field,
  stored,
  problems,
}: EvaluationMetricsFieldProps) {
  const ids = useFieldIds();
  const { rows, setRows, added, setAdded, commit, update, onRowBlur, onKeyDown, reset } =
    useRowTable(stepId, field, stored, rowsOf, evaluationMetricsToStore);
  const inCell = (path: string | undefined) =>
    rows.some((_, index) =>
      PARTS.some((part) => pathWithin(path, `${field.key}[${index}].${part.key}`)),
    );
  const own = problems.filter((diagnostic) => !inCell(diagnostic.path));
  const messages = messagesOf(own);
  const invalid = hasError(own);
  return (
    <fieldset
      className={`insp-field insp-metrics${invalid ? " insp-field--invalid" : ""}`}
      aria-describedby={describedBy(ids, messages, field.meta.help)}
    >
      <legend>{field.meta.label}</legend>
      {stored === undefined && <p className="insp-muted">The step type's default.</p>}
      {rows.length === 0 ? (
        <p className="insp-muted">None: conditions can read no metric of this report.</p>
      ) : (
        <table className="insp-table">
          <thead>
            <tr>
              {PARTS.map((part) => (
                <th key={part.key} scope="col">
                  {part.header}
                </th>
              ))}
              <th scope="col">
                <span className="insp-sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} onBlur={onRowBlur}>
                {PARTS.map((part) => {
                  const cellProblems = problemsUnder(
                    problems,
                    `${field.key}[${index}].${part.key}`,
                  );
                  const errorId = `${ids.id}-${index}-${part.key}-error`;
                  return (
                    <td key={part.key}>
                      <input
                        aria-label={`Report metric ${index + 1} ${part.label}`}
                        value={row[part.key]}
                        placeholder={part.placeholder}
                        className={part.key === "jsonPath" ? "insp-mono" : undefined}
                        autoFocus={part.key === "name" && index === added}
                        aria-invalid={hasError(cellProblems) || undefined}
                        aria-describedby={cellProblems.length > 0 ? errorId : undefined}
                        onChange={(event) => update(index, { [part.key]: event.target.value })}
                        onKeyDown={onKeyDown}
                      />
                      {cellProblems.length > 0 && (
                        <p id={errorId} className="insp-field__error">
                          {messagesOf(cellProblems).join(" · ")}
                        </p>
                      )}
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    className="insp-icon-button"
                    aria-label={`Remove report metric ${index + 1}`}
                    onClick={() => {
                      const next = rows.filter((_, at) => at !== index);
                      setRows(next);
                      commit(next);
                    }}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="insp-actions">
        <button
          type="button"
          className="insp-add"
          onClick={() => {
            setAdded(rows.length);
            setRows([...rows, { name: "", jsonPath: "" }]);
          }}
        >
          Add report metric
        </button>
        {stored !== undefined && (
          <button type="button" className="insp-add" onClick={() => reset()}>
            Reset to default
          </button>
        )}
      </div>
      <FieldMessages ids={ids} messages={messages} invalid={invalid} help={field.meta.help} />
    </fieldset>
  );
}
