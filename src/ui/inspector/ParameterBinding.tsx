import { useState, type ReactNode } from "react";
import { type Diagnostic, type ParameterRef, type PipelineParameter } from "../../model";
import type { DesignState } from "../../store/designStore";
import { useDesign, useDesignerStores } from "../designerContext";
import { displayValue } from "./fieldValues";
import { describedBy, FieldMessages, FieldShell, useFieldIds } from "./FieldShell";
import { hasError, messagesOf } from "./fieldProblems";
import {
  newParameter,
  parameterNameProblem,
  parametersOfType,
  suggestParameterName,
  unboundValue,
} from "./parameterModel";
import type { FormField } from "./schemaFields";

const selectParameters = (state: DesignState) => state.design.pipeline.parameters;
const NEW = "\u0000new";

/** The small toggle beside a bindable field's label; pressed = the field takes a pipeline parameter. */
export function BindToggle({
  label,
  pressed,
  onToggle,
}: {
  label: string;
  pressed: boolean;
  onToggle: () => void;
}) {
  return (
    <button
      type="button"
      className="insp-bind"
      aria-label={`Bind ${label} to a pipeline parameter`}
      aria-pressed={pressed}
      title={pressed ? "Use a fixed value" : "Vary per execution: use a pipeline parameter"}
      onClick={onToggle}
    >
      {"{P}"}
    </button>
  );
}

/** The literal a bound field gets back when the toggle is released: the parameter's default. */
export function useUnbind(): (ref: ParameterRef) => unknown {
  const parameters = useDesign(selectParameters);
  return (ref) => unboundValue(parameters, ref);
}

export interface ParameterFieldProps {
  stepId: string;
  stepName: string;
  field: FormField;
  /** The stored value: a `{ parameter }` when bound, else the literal the new parameter starts from. */
  stored: unknown;
  bound: ParameterRef | null;
  problems: readonly Diagnostic[];
  actions: ReactNode;
  /** Called once the field is bound (so the caller leaves its "choosing" state). */
  onBound: () => void;
}

/**
 * A bound (or being-bound) field: a select of the design's parameters of the field's type, plus
 * "New parameter…", which asks for a name and creates the parameter and the binding in one step.
 */
export function ParameterField({
  stepId,
  stepName,
  field,
  stored,
  bound,
  problems,
  actions,
  onBound,
}: ParameterFieldProps) {
  const stores = useDesignerStores();
  const parameters = useDesign(selectParameters);
  const type = field.meta.parameterType ?? "String";
  const candidates = parametersOfType(parameters, type);
  const ids = useFieldIds();
  const nameIds = useFieldIds();
  const [creating, setCreating] = useState(!bound && candidates.length === 0);
  const [name, setName] = useState(() => suggestParameterName(stepName, field.key, parameters));
  const [nameProblem, setNameProblem] = useState<string | null>(null);

  const bind = (parameter: string) => {
    stores.design.getState().setStepConfigValue(stepId, [field.key], { parameter });
    setCreating(false);
    onBound();
  };
  const create = () => {
    const trimmed = name.trim();
    const problem = parameterNameProblem(trimmed, parameters);
    setNameProblem(problem);
    if (problem) return;
    const current = bound ? unboundValue(parameters, bound) : stored;
    stores.design.getState().bindParameter(stepId, [field.key], {
      parameter: trimmed,
      create: newParameter(trimmed, type, current, field.defaultValue),
    });
    setCreating(false);
    onBound();
  };

  const messages = messagesOf(problems);
  const invalid = hasError(problems);
  const known = bound ? candidates.some((parameter) => parameter.name === bound.parameter) : true;
  const value = creating ? NEW : (bound?.parameter ?? "");
  return (
    <FieldShell
      ids={ids}
      label={field.meta.label}
      help={field.meta.help}
      messages={messages}
      invalid={invalid}
      actions={actions}
    >
      <select
        id={ids.id}
        className="insp-bound"
        value={value}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(ids, messages, field.meta.help)}
        onChange={(event) => {
          if (event.target.value === NEW) setCreating(true);
          else if (event.target.value !== "") bind(event.target.value);
        }}
      >
        {!bound && <option value="">Choose a {type} parameter…</option>}
        {bound && !known && <option value={bound.parameter}>{bound.parameter} (missing)</option>}
        {candidates.map((parameter) => (
          <option key={parameter.name} value={parameter.name}>
            {optionText(parameter)}
          </option>
        ))}
        <option value={NEW}>New parameter…</option>
      </select>
      {creating && (
        <div className="insp-new-parameter">
          <label htmlFor={nameIds.id}>New parameter name</label>
          <input
            id={nameIds.id}
            value={name}
            aria-invalid={nameProblem ? true : undefined}
            aria-describedby={nameProblem ? nameIds.errorId : undefined}
            onChange={(event) => {
              setName(event.target.value);
              setNameProblem(null);
            }}
            onKeyDown={(event) => {
              if (event.key === "Enter") {
                event.preventDefault();
                create();
              } else if (event.key === "Escape") setCreating(false);
            }}
          />
          <button type="button" onClick={create}>
            Create
          </button>
          <button type="button" onClick={() => setCreating(false)}>
            Cancel
          </button>
          <FieldMessages
            ids={nameIds}
            messages={nameProblem ? [nameProblem] : []}
            invalid={Boolean(nameProblem)}
          />
        </div>
      )}
    </FieldShell>
  );
}

function optionText(parameter: PipelineParameter): string {
  return parameter.default === undefined
    ? parameter.name
    : `${parameter.name} (default ${displayValue(parameter.default)})`;
}
