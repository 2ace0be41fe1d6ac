import { useState, type FocusEvent } from "react";
import type { Diagnostic } from "../../model";
import { useDesignerStores } from "../designerContext";
import { describedBy, FieldMessages, useFieldIds } from "./FieldShell";
import { hasError, messagesOf, problemsUnder } from "./fieldProblems";
import { recordFromRows, rowsFromRecord, sameValue, type KeyValueRow } from "./fieldValues";
import { legendClass, type FormField } from "./schemaFields";

export interface KeyValueFieldProps {
  stepId: string;
  field: FormField;
  stored: unknown;
  problems: readonly Diagnostic[];
}

/**
 * A string map (environment, output locations) as rows of name and value. The whole map is
 * committed (one undo step) when focus leaves a row, on Enter, or when a row is removed.
 */
export function KeyValueField({ stepId, field, stored, problems }: KeyValueFieldProps) {
  const stores = useDesignerStores();
  const ids = useFieldIds();
  const [rows, setRows] = useState<KeyValueRow[]>(() => rowsFromRecord(stored));
  const [seen, setSeen] = useState(stored);
  const [problem, setProblem] = useState<string | null>(null);
  const [added, setAdded] = useState<number | null>(null);
  if (seen !== stored) {
    setSeen(stored);
    setRows(rowsFromRecord(stored));
    setProblem(null);
  }
  const label = field.meta.label;

  const commit = (next: readonly KeyValueRow[]) => {
    const parsed = recordFromRows(next);
    if (!parsed.ok) return setProblem(parsed.message);
    setProblem(null);
    if (sameValue(parsed.value ?? {}, stored ?? {})) return;
    stores.design.getState().setStepConfigValue(stepId, [field.key], parsed.value);
  };
  const update = (index: number, patch: Partial<KeyValueRow>) =>
    setRows(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  const onRowBlur = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) commit(rows);
  };

  const own = problems.filter(
    (diagnostic) => !rows.some((row) => row.key && diagnostic.path === `${field.key}.${row.key}`),
  );
  const messages = messagesOf(own, problem);
  const invalid = hasError(own, problem);
  return (
    <fieldset
      className={`insp-field insp-rows${invalid ? " insp-field--invalid" : ""}`}
      aria-describedby={describedBy(ids, messages, field.meta.help)}
    >
      <legend className={legendClass(field)}>{label}</legend>
      {rows.length === 0 && <p className="insp-muted">None.</p>}
      {rows.map((row, index) => {
        const rowProblems = row.key ? problemsUnder(problems, `${field.key}.${row.key}`) : [];
        const rowInvalid = hasError(rowProblems);
        const rowErrorId = `${ids.id}-row-${index}-error`;
        return (
          <div className="insp-row" key={index} onBlur={onRowBlur}>
            <input
              aria-label={`${label} name ${index + 1}`}
              placeholder="NAME"
              value={row.key}
              autoFocus={index === added}
              onChange={(event) => update(index, { key: event.target.value })}
              onKeyDown={(event) => event.key === "Enter" && commit(rows)}
            />
            {row.bound ? (
              <output className="insp-bound-value" aria-label={`${label} value ${index + 1}`}>
                parameter {row.bound.parameter}
              </output>
            ) : (
              <input
                aria-label={`${label} value ${index + 1}`}
                value={row.value}
                aria-invalid={rowInvalid || undefined}
                aria-describedby={rowProblems.length > 0 ? rowErrorId : undefined}
                onChange={(event) => update(index, { value: event.target.value })}
                onKeyDown={(event) => event.key === "Enter" && commit(rows)}
              />
            )}
            <button
              type="button"
              className="insp-icon-button"
              aria-label={`Remove ${label.toLowerCase()} entry ${row.key || index + 1}`}
              onClick={() => {
                const next = rows.filter((_, at) => at !== index);
                setRows(next);
                commit(next);
              }}
            >
              ×
            </button>
            {rowProblems.length > 0 && (
              <p id={rowErrorId} className="insp-field__error insp-row__error">
                {messagesOf(rowProblems).join(" · ")}
              </p>
            )}
          </div>
        );
      })}
      <button
        type="button"
        className="insp-add"
        onClick={() => {
          setAdded(rows.length);
          setRows([...rows, { key: "", value: "" }]);
        }}
      >
        Add {label.toLowerCase()} entry
      </button>
      <FieldMessages ids={ids} messages={messages} invalid={invalid} help={field.meta.help} />
    </fieldset>
  );
}
