import type { MetricDefinition } from "../../catalog";
import type { Diagnostic } from "../../model";
import { describedBy, FieldMessages, useFieldIds } from "./FieldShell";
import { hasError, messagesOf, pathWithin, problemsUnder } from "./fieldProblems";
import { metricsToStore } from "./fieldValues";
import type { FormField } from "./schemaFields";
import { useRowTable } from "./useRowTable";

export interface MetricsFieldProps {
  stepId: string;
  field: FormField;
  stored: unknown;
  problems: readonly Diagnostic[];
}

const PARTS = ["name", "regex"] as const;

const rowsOf = (value: unknown): MetricDefinition[] =>
  Array.isArray(value)
    ? value.map((row: Partial<MetricDefinition>) => ({
        name: String(row?.name ?? ""),
        regex: String(row?.regex ?? ""),
      }))
    : [];

/**
 * Metric definitions as a plain name/regex table (the Metrics preview tests them against log
 * lines). The whole list is one commit: on leaving a row, Enter, or removing a row.
 */
export function MetricsField({ stepId, field, stored, problems }: MetricsFieldProps) {
  const ids = useFieldIds();
  const { rows, setRows, added, setAdded, commit, update, onRowBlur, onKeyDown, reset } =
    useRowTable(stepId, field, stored, rowsOf, metricsToStore);
  const inCell = (path: string | undefined) =>
    rows.some((_, index) =>
      PARTS.some((part) => pathWithin(path, `${field.key}[${index}].${part}`)),
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
      {stored === undefined && <p className="insp-muted">The step type's preset.</p>}
      {rows.length === 0 ? (
        <p className="insp-muted">None: SageMaker will record no training metrics.</p>
      ) : (
        <table className="insp-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Regex</th>
              <th scope="col">
                <span className="insp-sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} onBlur={onRowBlur}>
                {PARTS.map((part) => {
                  const cellProblems = problemsUnder(problems, `${field.key}[${index}].${part}`);
                  const errorId = `${ids.id}-${index}-${part}-error`;
                  return (
                    <td key={part}>
                      <input
                        aria-label={`Metric ${index + 1} ${part}`}
                        value={row[part]}
                        className={part === "regex" ? "insp-mono" : undefined}
                        autoFocus={part === "name" && index === added}
                        aria-invalid={hasError(cellProblems) || undefined}
                        aria-describedby={cellProblems.length > 0 ? errorId : undefined}
                        onChange={(event) => update(index, { [part]: event.target.value })}
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
                    aria-label={`Remove metric ${index + 1}`}
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
            setRows([...rows, { name: "", regex: "" }]);
          }}
        >
          Add metric
        </button>
        {stored !== undefined && (
          <button type="button" className="insp-add" onClick={() => reset()}>
            Reset to preset
          </button>
        )}
      </div>
      <FieldMessages ids={ids} messages={messages} invalid={invalid} help={field.meta.help} />
    </fieldset>
  );
}
