import { useMemo, useState, type ReactNode } from "react";
import { isParameterRef, type Diagnostic } from "../../model";
import { useDesignerStores } from "../designerContext";
import { describedBy, FieldShell, useCommitDraft, useFieldIds } from "./FieldShell";
import { hasError, messagesOf } from "./fieldProblems";
import { displayValue, parseScalarText, sameValue } from "./fieldValues";
import { BindToggle, ParameterField, useUnbind } from "./ParameterBinding";
import { selectOptions, type FormField, type StepDefinition } from "./schemaFields";

export interface ScalarFieldProps {
  stepId: string;
  stepName: string;
  definition: StepDefinition;
  field: FormField;
  stored: unknown;
  /** The step's effective framework version (decides the Python versions offered). */
  frameworkVersion: string | undefined;
  problems: readonly Diagnostic[];
}

interface ControlProps extends ScalarFieldProps {
  set: (value: unknown) => void;
  actions: ReactNode;
}

/** A text, number, select or toggle field; bindable fields get the parameter toggle. */
export function ScalarField(props: ScalarFieldProps) {
  const { stepId, field, stored } = props;
  const stores = useDesignerStores();
  const unbind = useUnbind();
  const [choosing, setChoosing] = useState(false);
  const bound = isParameterRef(stored) ? stored : null;
  const set = (value: unknown) => {
    if (!sameValue(value, stored))
      stores.design.getState().setStepConfigValue(stepId, [field.key], value);
  };
  const actions = field.meta.parameterType ? (
    <BindToggle
      label={field.meta.label}
      pressed={bound !== null || choosing}
      onToggle={() => {
        if (bound) set(unbind(bound));
        setChoosing(!bound && !choosing);
      }}
    />
  ) : null;
  if (bound || choosing)
    return (
      <ParameterField
        stepId={stepId}
        stepName={props.stepName}
        field={field}
        stored={stored}
        bound={bound}
        problems={props.problems}
        actions={actions}
        onBound={() => setChoosing(false)}
      />
    );
  const control = { ...props, set, actions };
  if (field.meta.kind === "select" || field.options) return <SelectControl {...control} />;
  if (field.meta.kind === "toggle" || field.valueType === "boolean")
    return <ToggleControl {...control} />;
  return <TextControl {...control} />;
}

function TextControl({ field, stored, problems, set, actions }: ControlProps) {
  const ids = useFieldIds();
  const draft = useCommitDraft(displayValue(stored), (text) => {
    const parsed = parseScalarText(text, field.valueType);
    if (!parsed.ok) return parsed.message;
    set(parsed.value);
    return null;
  });
  const messages = messagesOf(problems, draft.problem);
  const invalid = hasError(problems, draft.problem);
  const numeric = field.valueType === "number" || field.valueType === "integer";
  return (
    <FieldShell
      ids={ids}
      label={field.meta.label}
      required={field.required}
      help={field.meta.help}
      messages={messages}
      invalid={invalid}
      actions={actions}
    >
      <input
        id={ids.id}
        type="text"
        inputMode={numeric ? "decimal" : undefined}
        placeholder={displayValue(field.defaultValue)}
        aria-required={field.required || undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(ids, messages, field.meta.help)}
        {...draft.inputProps}
      />
    </FieldShell>
  );
}

function SelectControl({
  definition,
  field,
  stored,
  frameworkVersion,
  problems,
  set,
  actions,
}: ControlProps) {
  const ids = useFieldIds();
  const options = useMemo(
    () => selectOptions(definition, field, frameworkVersion).map(String),
    [definition, field, frameworkVersion],
  );
  const messages = messagesOf(problems);
  const invalid = hasError(problems);
  const current = stored === undefined ? "" : displayValue(stored);
  const numeric = field.valueType === "number" || field.valueType === "integer";
  const placeholder =
    field.defaultValue !== undefined
      ? `Default (${displayValue(field.defaultValue)})`
      : field.optional
        ? "Default"
        : "Choose…";
  return (
    <FieldShell
      ids={ids}
      label={field.meta.label}
      required={field.required}
      help={field.meta.help}
      messages={messages}
      invalid={invalid}
      actions={actions}
    >
      <select
        id={ids.id}
        value={current}
        aria-required={field.required || undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(ids, messages, field.meta.help)}
        onChange={(event) => {
          const chosen = event.target.value;
          set(chosen === "" ? undefined : numeric ? Number(chosen) : chosen);
        }}
      >
        <option value="" disabled={field.required}>
          {placeholder}
        </option>
        {current !== "" && !options.includes(current) && (
          <option value={current}>{current} (not offered)</option>
        )}
        {options.map((option) => (
          <option key={option} value={option}>
            {option}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

function ToggleControl({ field, stored, problems, set, actions }: ControlProps) {
  const ids = useFieldIds();
  const messages = messagesOf(problems);
  const invalid = hasError(problems);
  return (
    <FieldShell
      ids={ids}
      label={field.meta.label}
      help={field.meta.help}
      messages={messages}
      invalid={invalid}
      actions={actions}
    >
      <input
        id={ids.id}
        type="checkbox"
        className="insp-toggle"
        checked={Boolean(stored ?? field.defaultValue)}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(ids, messages, field.meta.help)}
        onChange={(event) => set(event.target.checked)}
      />
    </FieldShell>
  );
}
