import { useMemo, type ReactNode } from "react";
import { stepType, type Condition, type Operand } from "../../catalog";
import type { Design, Diagnostic } from "../../model";
import type { ConfigPath } from "../../store/configPath";
import type { DesignState } from "../../store/designStore";
import { CONDITION_TYPE_LABELS, conditionText } from "../conditionText";
import { useDesign, useDesignerStores } from "../designerContext";
import {
  changeConditionType,
  defaultOperand,
  formatLiteral,
  newCondition,
  OPERAND_KINDS,
  operandKind,
  parseLiteral,
  pathText,
  problemsAt,
  unplacedProblems,
  type OperandContext,
  type OperandKind,
} from "./conditionModel";
import { metricChoices } from "./designRefs";
import { describedBy, FieldMessages, useCommitDraft, useFieldIds } from "./FieldShell";
import { hasError, messagesOf, problemsUnder } from "./fieldProblems";
import { sameValue } from "./fieldValues";
import { legendClass, type FormField } from "./schemaFields";

export interface ConditionsFieldProps {
  stepId: string;
  field: FormField;
  stored: unknown;
  problems: readonly Diagnostic[];
}

const selectDesign = (state: DesignState) => state.design;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** The property a condition most often reads of a step of this kind. */
function defaultProperty(type: string): string {
  switch (stepType(type)?.sagemakerKind) {
    case "Training":
      return "TrainingJobStatus";
    case "Processing":
      return "ProcessingJobStatus";
    case "Transform":
      return "TransformJobStatus";
    case "RegisterModel":
      return "ModelPackageArn";
    default:
      return "ModelName";
  }
}

function operandContext(design: Design, selfId: string): OperandContext {
  return {
    parameters: design.pipeline.parameters.map((parameter) => parameter.name),
    metrics: metricChoices(design),
    steps: design.steps
      .filter((step) => step.id !== selfId)
      .map((step) => ({ id: step.id, name: step.name, property: defaultProperty(step.type) })),
  };
}

interface EditorProps {
  context: OperandContext;
  problems: readonly Diagnostic[];
  nameOf: (id: string) => string;
  /** One commit (one undo step): the value at a path under the field. */
  set: (path: ConfigPath, value: unknown) => void;
}

/**
 * A Condition step's conditions (all must hold): each a comparison of two operands, `In` a list,
 * `Not` one condition or `Or` several, nested as deep as needed. Operands are a literal, a
 * pipeline parameter, a metric of an evaluation step (`StepName.metric`) or a step property.
 * Every change is one commit; problems show on the operand or condition they are about.
 */
export function ConditionsField({ stepId, field, stored, problems }: ConditionsFieldProps) {
  const stores = useDesignerStores();
  const design = useDesign(selectDesign);
  const ids = useFieldIds();
  const context = useMemo(() => operandContext(design, stepId), [design, stepId]);
  const conditions = Array.isArray(stored) ? stored : [];
  const nameOf = (id: string) => design.steps.find((step) => step.id === id)?.name ?? id;
  const set = (path: ConfigPath, value: unknown) =>
    stores.design.getState().setStepConfigValue(stepId, [field.key, ...path], value);
  const setAll = (next: unknown[]) =>
    stores.design
      .getState()
      .setStepConfigValue(stepId, [field.key], next.length > 0 ? next : undefined);
  const own = unplacedProblems(problems, stored, field.key);
  const messages = messagesOf(own);
  const invalid = hasError(own);
  const editor: EditorProps = { context, problems, nameOf, set };
  return (
    <fieldset
      className={`insp-field insp-conditions${invalid ? " insp-field--invalid" : ""}`}
      aria-describedby={describedBy(ids, messages, field.meta.help)}
    >
      <legend className={legendClass(field)}>{field.meta.label}</legend>
      {conditions.length === 0 && (
        <p className="insp-muted">None yet: add the condition the "if true" branch needs.</p>
      )}
      {conditions.map((condition, index) => (
        <ConditionEditor
          key={index}
          {...editor}
          condition={condition}
          path={[index]}
          label={`Condition ${index + 1}`}
          fieldKey={field.key}
          onRemove={() => setAll(conditions.filter((_, at) => at !== index))}
        />
      ))}
      <button
        type="button"
        className="insp-add"
        onClick={() => setAll([...conditions, newCondition(context)])}
      >
        Add condition
      </button>
      <FieldMessages ids={ids} messages={messages} invalid={invalid} help={field.meta.help} />
    </fieldset>
  );
}

interface ConditionEditorProps extends EditorProps {
  condition: unknown;
  /** Path under the field, e.g. `[0, "conditions", 1]`. */
  path: ConfigPath;
  /** "Condition 1", "Condition 1.2": names the group and prefixes every control's name. */
  label: string;
  fieldKey: string;
  onRemove?: () => void;
}

function ConditionEditor(props: ConditionEditorProps) {
  const { condition, path, label, fieldKey, context, problems, nameOf, set, onRemove } = props;
  const ids = useFieldIds();
  const record = isRecord(condition) ? condition : {};
  const type = typeof record.type === "string" ? record.type : "";
  const at = pathText([fieldKey, ...path]);
  const own = problemsAt(problems, [at, `${at}.type`, `${at}.values`, `${at}.conditions`]);
  const messages = messagesOf(own);
  const invalid = hasError(own);
  const base = { context, problems, nameOf, set, fieldKey };
  const child = (extra: ConfigPath) => ({ ...base, path: [...path, ...extra] });
  let body: ReactNode;
  switch (type) {
    case "In": {
      const values = Array.isArray(record.values) ? record.values : [];
      body = (
        <>
          <OperandEditor
            {...base}
            operand={record.value}
            path={[...path, "value"]}
            label={`${label} value`}
            caption="Value"
          />
          <p className="insp-condition__caption">is one of</p>
          {values.map((operand, index) => (
            <OperandEditor
              key={index}
              {...base}
              operand={operand}
              path={[...path, "values", index]}
              label={`${label} option ${index + 1}`}
              caption={`Option ${index + 1}`}
              onRemove={
                values.length > 1
                  ? () =>
                      set(
                        [...path, "values"],
                        values.filter((_, other) => other !== index),
                      )
                  : undefined
              }
            />
          ))}
          <button
            type="button"
            className="insp-add"
            onClick={() => set([...path, "values", values.length], { literal: 0 })}
          >
            Add option to {label.toLowerCase()}
          </button>
        </>
      );
      break;
    }
    case "Not":
      body = (
        <ConditionEditor
          {...child(["condition"])}
          condition={record.condition}
          label={`${label}.1`}
        />
      );
      break;
    case "Or": {
      const inner = Array.isArray(record.conditions) ? record.conditions : [];
      body = (
        <>
          {inner.map((nested, index) => (
            <ConditionEditor
              key={index}
              {...child(["conditions", index])}
              condition={nested}
              label={`${label}.${index + 1}`}
              onRemove={
                inner.length > 1
                  ? () =>
                      set(
                        [...path, "conditions"],
                        inner.filter((_, other) => other !== index),
                      )
                  : undefined
              }
            />
          ))}
          <button
            type="button"
            className="insp-add"
            onClick={() => set([...path, "conditions", inner.length], newCondition(context))}
          >
            Add alternative to {label.toLowerCase()}
          </button>
        </>
      );
      break;
    }
    default:
      body = (
        <>
          <OperandEditor
            {...base}
            operand={record.left}
            path={[...path, "left"]}
            label={`${label} left`}
            caption="Left"
          />
          <OperandEditor
            {...base}
            operand={record.right}
            path={[...path, "right"]}
            label={`${label} right`}
            caption="Right"
          />
        </>
      );
  }
  return (
    <fieldset
      className={`insp-condition${invalid ? " insp-field--invalid" : ""}`}
      aria-describedby={messages.length > 0 ? ids.errorId : undefined}
    >
      <legend>{label}</legend>
      <p className="insp-condition__summary insp-mono">{conditionText(condition, nameOf)}</p>
      <div className="insp-condition__line">
        <span aria-hidden="true">Type</span>
        <select
          aria-label={`${label} type`}
          value={type}
          aria-invalid={invalid || undefined}
          aria-describedby={messages.length > 0 ? ids.errorId : undefined}
          onChange={(event) =>
            set(
              path,
              changeConditionType(condition, event.target.value as Condition["type"], context),
            )
          }
        >
          {type === "" && <option value="">Choose…</option>}
          {CONDITION_TYPE_LABELS.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
        {onRemove && (
          <button
            type="button"
            className="insp-icon-button"
            aria-label={`Remove ${label.toLowerCase()}`}
            title={`Remove ${label.toLowerCase()}`}
            onClick={onRemove}
          >
            ×
          </button>
        )}
      </div>
      {body}
      <FieldMessages ids={ids} messages={messages} invalid={invalid} />
    </fieldset>
  );
}

interface OperandEditorProps extends EditorProps {
  operand: unknown;
  path: ConfigPath;
  /** "Condition 1 left": names the group and prefixes its controls' names. */
  label: string;
  /** The short visible name: "Left", "Option 2". */
  caption: string;
  fieldKey: string;
  onRemove?: (() => void) | undefined;
}

function OperandEditor({
  operand,
  path,
  label,
  caption,
  fieldKey,
  context,
  problems,
  set,
  onRemove,
}: OperandEditorProps) {
  const ids = useFieldIds();
  const kind = operandKind(operand);
  const record = isRecord(operand) ? operand : {};
  const at = pathText([fieldKey, ...path]);
  const own = problemsUnder(problems, at);
  const messages = messagesOf(own);
  const invalid = hasError(own);
  const commit = (next: Operand) => {
    if (!sameValue(next, operand)) set(path, next);
  };
  const aria = {
    "aria-invalid": invalid || undefined,
    "aria-describedby": messages.length > 0 ? ids.errorId : undefined,
  };
  const available: Record<OperandKind, boolean> = {
    literal: true,
    parameter: context.parameters.length > 0,
    metric: context.metrics.length > 0,
    property: context.steps.length > 0,
  };
  let control: ReactNode;
  switch (kind) {
    case "parameter": {
      const name = typeof record.parameter === "string" ? record.parameter : "";
      control = (
        <select
          aria-label={`${label} parameter`}
          value={name}
          {...aria}
          onChange={(event) => commit({ parameter: event.target.value })}
        >
          {!context.parameters.includes(name) && (
            <option value={name}>{name ? `${name} (not declared)` : "Choose…"}</option>
          )}
          {context.parameters.map((parameter) => (
            <option key={parameter} value={parameter}>
              {parameter}
            </option>
          ))}
        </select>
      );
      break;
    }
    case "metric": {
      const metric = isRecord(record.metric) ? record.metric : {};
      const value = JSON.stringify([String(metric.step ?? ""), String(metric.name ?? "")]);
      const known = context.metrics.some(
        (choice) => JSON.stringify([choice.stepId, choice.name]) === value,
      );
      control = (
        <select
          aria-label={`${label} metric`}
          value={value}
          {...aria}
          onChange={(event) => {
            const [step, name] = JSON.parse(event.target.value) as [string, string];
            commit({ metric: { step, name } });
          }}
        >
          {!known && (
            <option value={value}>
              {String(metric.step ?? "?")}.{String(metric.name ?? "?")} (not in the design)
            </option>
          )}
          {context.metrics.map((choice) => (
            <option key={choice.label} value={JSON.stringify([choice.stepId, choice.name])}>
              {choice.label}
            </option>
          ))}
        </select>
      );
      break;
    }
    case "property": {
      const property = isRecord(record.property) ? record.property : {};
      control = (
        <PropertyControl
          label={label}
          step={String(property.step ?? "")}
          propertyPath={String(property.path ?? "")}
          context={context}
          aria={aria}
          onCommit={commit}
        />
      );
      break;
    }
    default:
      control = (
        <LiteralControl
          label={label}
          value={record.literal}
          aria={aria}
          onCommit={(value) => commit({ literal: value })}
        />
      );
  }
  return (
    <div
      className={`insp-operand${invalid ? " insp-field--invalid" : ""}`}
      role="group"
      aria-label={label}
    >
      <div className="insp-operand__line">
        <span className="insp-operand__caption" aria-hidden="true">
          {caption}
        </span>
        <select
          className="insp-operand__kind"
          aria-label={`${label} kind`}
          value={kind}
          onChange={(event) => {
            const next = defaultOperand(event.target.value as OperandKind, context);
            if (next) set(path, next);
          }}
        >
          {OPERAND_KINDS.map(([value, text]) => (
            <option key={value} value={value} disabled={!available[value] && value !== kind}>
              {text}
              {available[value] ? "" : " (none in the design)"}
            </option>
          ))}
        </select>
        {onRemove && (
          <button
            type="button"
            className="insp-icon-button"
            aria-label={`Remove ${label.toLowerCase()}`}
            title={`Remove ${label.toLowerCase()}`}
            onClick={onRemove}
          >
            ×
          </button>
        )}
      </div>
      <div className="insp-operand__value">{control}</div>
      <FieldMessages ids={ids} messages={messages} invalid={invalid} />
    </div>
  );
}

interface AriaProps {
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
}

function LiteralControl({
  label,
  value,
  aria,
  onCommit,
}: {
  label: string;
  value: unknown;
  aria: AriaProps;
  onCommit: (value: string | number | boolean) => void;
}) {
  const ids = useFieldIds();
  const draft = useCommitDraft(formatLiteral(value), (text) => {
    const parsed = parseLiteral(text);
    if (!parsed.ok) return parsed.message;
    onCommit(parsed.value);
    return null;
  });
  return (
    <>
      <input
        type="text"
        aria-label={`${label} literal`}
        title='A number, true or false, or text ("0.7" in quotes stays text)'
        {...aria}
        aria-invalid={aria["aria-invalid"] ?? (draft.problem ? true : undefined)}
        aria-describedby={
          [aria["aria-describedby"], draft.problem ? ids.errorId : ""].filter(Boolean).join(" ") ||
          undefined
        }
        {...draft.inputProps}
      />
      {draft.problem && (
        <p id={ids.errorId} className="insp-field__error">
          {draft.problem}
        </p>
      )}
    </>
  );
}

function PropertyControl({
  label,
  step,
  propertyPath,
  context,
  aria,
  onCommit,
}: {
  label: string;
  step: string;
  propertyPath: string;
  context: OperandContext;
  aria: AriaProps;
  onCommit: (operand: Operand) => void;
}) {
  const ids = useFieldIds();
  const draft = useCommitDraft(propertyPath, (text) => {
    const path = text.trim();
    if (path === "") return "enter a property path, e.g. TrainingJobStatus";
    onCommit({ property: { step, path } });
    return null;
  });
  const known = context.steps.some((candidate) => candidate.id === step);
  return (
    <>
      <select
        aria-label={`${label} step`}
        value={step}
        {...aria}
        onChange={(event) =>
          onCommit({ property: { step: event.target.value, path: propertyPath } })
        }
      >
        {!known && <option value={step}>{step || "Choose…"} (not in the design)</option>}
        {context.steps.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.name}
          </option>
        ))}
      </select>
      <input
        type="text"
        className="insp-mono"
        aria-label={`${label} property path`}
        placeholder="TrainingJobStatus"
        {...aria}
        aria-invalid={aria["aria-invalid"] ?? (draft.problem ? true : undefined)}
        aria-describedby={
          [aria["aria-describedby"], draft.problem ? ids.errorId : ""].filter(Boolean).join(" ") ||
          undefined
        }
        {...draft.inputProps}
      />
      {draft.problem && (
        <p id={ids.errorId} className="insp-field__error">
          {draft.problem}
        </p>
      )}
    </>
  );
}
