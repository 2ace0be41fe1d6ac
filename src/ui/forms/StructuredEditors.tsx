import { useEffect, useId, useState } from "react";
import type { Step } from "../../model";
import { useDesignerStores } from "../designerContext";
import { CommitInput, FieldFrame } from "./controls";
import { displayValue, type FormField } from "./fieldModel";

type Row = { key: string; value: string };

/** A string map (environment, output locations): rows of key and value, committed as one map on blur. */
export function KeyValueEditor({
  label,
  help,
  error,
  value,
  onCommit,
}: {
  label: string;
  help?: string;
  error?: string;
  value: Record<string, string>;
  onCommit: (value: Record<string, string> | undefined) => void;
}) {
  const id = useId();
  const [rows, setRows] = useState<Row[]>(() =>
    Object.entries(value).map(([key, item]) => ({ key, value: String(item) })),
  );
  useEffect(
    () => setRows(Object.entries(value).map(([key, item]) => ({ key, value: String(item) }))),
    [value],
  );
  const commit = (next: Row[]) => {
    const map = Object.fromEntries(
      next.filter((row) => row.key.trim() !== "").map((row) => [row.key.trim(), row.value]),
    );
    const same = JSON.stringify(map) === JSON.stringify(value);
    if (!same) onCommit(Object.keys(map).length > 0 ? map : undefined);
  };
  return (
    <fieldset className="field field--rows" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{label}</legend>
      {rows.map((row, index) => (
        <div className="field__row" key={index}>
          <input
            aria-label={`${label} key ${index + 1}`}
            value={row.key}
            onChange={(event) =>
              setRows(rows.map((r, i) => (i === index ? { ...r, key: event.target.value } : r)))
            }
            onBlur={() => commit(rows)}
          />
          <input
            aria-label={`${label} value ${index + 1}`}
            value={row.value}
            onChange={(event) =>
              setRows(rows.map((r, i) => (i === index ? { ...r, value: event.target.value } : r)))
            }
            onBlur={() => commit(rows)}
          />
          <button
            type="button"
            aria-label={`Remove ${label} row ${index + 1}`}
            onClick={() => commit(rows.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setRows([...rows, { key: "", value: "" }])}>
        Add {label.toLowerCase()} entry
      </button>
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
      {help && <p className="field__help">{help}</p>}
    </fieldset>
  );
}

/** A small nested object (checkpoints, profiler): one control per member, each commit one step. */
export function GroupEditor({
  step,
  field,
  stored,
  error,
}: {
  step: Step;
  field: FormField;
  stored: unknown;
  error?: string;
}) {
  const stores = useDesignerStores();
  const current = (stored ?? {}) as Record<string, unknown>;
  const defaults = (field.defaultValue ?? {}) as Record<string, unknown>;
  const members =
    field.key === "checkpoint"
      ? ["enabled", "s3Uri", "localPath"]
      : Object.keys({
          ...defaults,
          ...current,
          ...(field.key === "profiler" ? { systemMonitorIntervalMillis: 1000 } : {}),
        });
  const set = (member: string, value: unknown) =>
    stores.design.getState().setStepConfigValue(step.id, [field.key, member], value);
  const labels: Record<string, string> = {
    enabled: "Enabled",
    s3Uri: "S3 URI",
    localPath: "Local path",
    systemMonitorIntervalMillis: "Monitor interval (ms)",
  };
  return (
    <fieldset className="field field--group">
      <legend>{field.meta.label}</legend>
      {members.map((member) => {
        const label = `${field.meta.label}: ${labels[member] ?? member}`;
        const value = current[member];
        if (member === "enabled") {
          return (
            <label key={member} className="field__check">
              <input
                type="checkbox"
                checked={Boolean(value ?? defaults.enabled)}
                onChange={(event) => set(member, event.target.checked)}
              />{" "}
              {label}
            </label>
          );
        }
        return (
          <FieldFrame key={member} label={label}>
            {({ id }) => (
              <CommitInput
                id={id}
                value={displayValue(value)}
                placeholder={
                  member === "s3Uri" ? "{output path}/checkpoints" : displayValue(defaults[member])
                }
                onCommit={(text) => {
                  const trimmed = text.trim();
                  if (trimmed === "") set(member, undefined);
                  else if (member === "systemMonitorIntervalMillis") {
                    const number = Number(trimmed);
                    if (!Number.isInteger(number)) return "enter a whole number";
                    set(member, number);
                  } else set(member, trimmed);
                  return null;
                }}
              />
            )}
          </FieldFrame>
        );
      })}
      {error && <p className="field__error">{error}</p>}
      {field.meta.help && <p className="field__help">{field.meta.help}</p>}
    </fieldset>
  );
}
