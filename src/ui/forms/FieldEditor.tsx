import { memo } from "react";
import { isParameterRef, type Step } from "../../model";
import { useDesignerStores } from "../designerContext";
import { CommitInput, FieldFrame } from "./controls";
import { displayValue, parseFieldText, type FormField } from "./fieldModel";
import { GroupEditor, KeyValueEditor } from "./StructuredEditors";
import { ParameterBinding } from "./ParameterBinding";

interface Props {
  step: Step;
  field: FormField;
  /** What the design file holds (undefined = the default applies). */
  stored: unknown;
  error?: string;
}

/** One config field, rendered by its kind; every commit is one `setStepConfigValue` (one undo step). */
function FieldEditorView({ step, field, stored, error }: Props) {
  const stores = useDesignerStores();
  const { key, meta } = field;
  const set = (value: unknown) =>
    stores.design.getState().setStepConfigValue(step.id, [key], value);
  const binding = meta.parameterType ? (
    <ParameterBinding step={step} field={field} stored={stored} />
  ) : undefined;

  if (isParameterRef(stored)) {
    return (
      <FieldFrame label={meta.label} help={meta.help} error={error} actions={binding}>
        {({ id, describedBy }) => (
          <output id={id} className="field__bound" aria-describedby={describedBy}>
            bound to parameter <code>{stored.parameter}</code>
          </output>
        )}
      </FieldFrame>
    );
  }
  if (meta.kind === "keyValue")
    return (
      <KeyValueEditor
        label={meta.label}
        help={meta.help}
        error={error}
        value={(stored as Record<string, string>) ?? {}}
        onCommit={set}
      />
    );
  if (meta.kind === "group")
    return <GroupEditor step={step} field={field} stored={stored} error={error} />;
  if (meta.kind === "metrics") {
    const count = Array.isArray(stored)
      ? stored.length
      : Array.isArray(field.defaultValue)
        ? field.defaultValue.length
        : 0;
    return (
      <div className="field">
        <span className="field__static">
          {meta.label}: {count} {stored === undefined ? "(preset)" : ""}
        </span>{" "}
        <button type="button" onClick={() => stores.ui.getState().setPreviewTab("Metrics")}>
          Edit in the Metrics tab
        </button>
      </div>
    );
  }
  if (meta.kind === "code") {
    const code = stored as { files?: Record<string, string>; s3Uri?: string } | undefined;
    return (
      <div className="field" role="group" aria-label={meta.label}>
        <span className="field__static">{meta.label}</span>
        {code?.files ? (
          <ul className="field__files">
            {Object.entries(code.files).map(([name, text]) => (
              <li key={name}>
                <code>{name}</code> · {new TextEncoder().encode(text).length} bytes
              </li>
            ))}
          </ul>
        ) : code?.s3Uri ? (
          <code>{code.s3Uri}</code>
        ) : (
          <span>none</span>
        )}
        {error && <p className="field__error">{error}</p>}
      </div>
    );
  }
  return (
    <FieldFrame
      label={meta.label}
      required={field.required}
      help={meta.help}
      error={error}
      actions={binding}
    >
      {({ id, describedBy, invalid }) => {
        if (field.options || meta.kind === "select") {
          const options = field.options ?? [];
          const current = displayValue(stored ?? field.defaultValue);
          return (
            <select
              id={id}
              value={current}
              aria-invalid={invalid || undefined}
              aria-describedby={describedBy}
              onChange={(event) => set(event.target.value)}
            >
              {!options.includes(current) && <option value={current}>{current || "—"}</option>}
              {options.map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
          );
        }
        if (meta.kind === "toggle" || field.valueType === "boolean") {
          return (
            <input
              id={id}
              type="checkbox"
              checked={Boolean(stored ?? field.defaultValue)}
              aria-describedby={describedBy}
              onChange={(event) => set(event.target.checked)}
            />
          );
        }
        if (meta.kind === "stringList") {
          return (
            <CommitInput
              id={id}
              value={Array.isArray(stored) ? stored.join(", ") : ""}
              placeholder="comma-separated"
              describedBy={describedBy}
              invalid={invalid}
              onCommit={(text) => {
                const items = text
                  .split(",")
                  .map((item) => item.trim())
                  .filter(Boolean);
                set(items.length > 0 ? items : undefined);
                return null;
              }}
            />
          );
        }
        return (
          <CommitInput
            id={id}
            type={field.valueType === "number" || field.valueType === "integer" ? "number" : "text"}
            value={displayValue(stored)}
            placeholder={displayValue(field.defaultValue)}
            describedBy={describedBy}
            invalid={invalid}
            required={field.required}
            onCommit={(text) => {
              const parsed = parseFieldText(text, field.valueType);
              if ("error" in parsed) return parsed.error;
              set(parsed.value);
              return null;
            }}
          />
        );
      }}
    </FieldFrame>
  );
}

export const FieldEditor = memo(FieldEditorView);
