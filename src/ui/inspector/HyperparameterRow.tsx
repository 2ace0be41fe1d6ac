import { memo } from "react";
import type { KnownHyperparameter } from "../../catalog";
import { isParameterRef, type Diagnostic } from "../../model";
import { useDesignerStores } from "../designerContext";
import { describedBy, FieldMessages, useCommitDraft, useFieldIds } from "./FieldShell";
import { hasError, messagesOf, sameProblems } from "./fieldProblems";
import { sameValue } from "./fieldValues";
import {
  convertValue,
  HYPERPARAMETER_TYPES,
  parseHyperparameterValue,
  renameHyperparameter,
  typeOfValue,
  valueText,
  type HyperparameterType,
} from "./hyperparameterModel";

export interface HyperparameterRowProps {
  stepId: string;
  name: string;
  value: unknown;
  known: KnownHyperparameter | undefined;
  /** Id of the datalist of known keys. */
  listId: string;
  problems: readonly Diagnostic[];
}

/**
 * One hyperparameter: key, type and value. A value commit is one `setStepConfigValue` of
 * `["hyperparameters", key]`; renaming the key is one commit of the whole object (order kept).
 */
function HyperparameterRowView({
  stepId,
  name,
  value,
  known,
  listId,
  problems,
}: HyperparameterRowProps) {
  const stores = useDesignerStores();
  const ids = useFieldIds();
  const type = typeOfValue(value);
  const bound = isParameterRef(value) ? value : null;
  const setValue = (next: unknown) => {
    if (!sameValue(next, value))
      stores.design.getState().setStepConfigValue(stepId, ["hyperparameters", name], next);
  };
  const keyDraft = useCommitDraft(name, (text) => {
    const to = text.trim();
    if (to === name) return null;
    const step = stores.design.getState().design.steps.find((found) => found.id === stepId);
    const record = (step?.config.hyperparameters ?? {}) as Record<string, unknown>;
    const renamed = renameHyperparameter(record, name, to);
    if (!renamed.ok) return renamed.message;
    stores.design.getState().setStepConfigValue(stepId, ["hyperparameters"], renamed.value);
    return null;
  });
  const valueDraft = useCommitDraft(valueText(value), (text) => {
    const parsed = parseHyperparameterValue(type, text);
    if (!parsed.ok) return parsed.message;
    setValue(parsed.value);
    return null;
  });
  const local = keyDraft.problem ?? valueDraft.problem;
  const messages = messagesOf(problems, local);
  const invalid = hasError(problems, local);
  const described = describedBy(ids, messages, known?.help);
  const valueAria = {
    id: ids.id,
    "aria-label": `Value of ${name}`,
    "aria-invalid": (invalid && !keyDraft.problem) || undefined,
    "aria-describedby": described,
  };
  return (
    <div
      className={`insp-hp${invalid ? " insp-field--invalid" : ""}`}
      role="group"
      aria-label={`Hyperparameter ${name}`}
    >
      <div className="insp-hp__line">
        <input
          className="insp-mono"
          aria-label={`Key of ${name}`}
          list={listId}
          aria-invalid={keyDraft.problem ? true : undefined}
          aria-describedby={keyDraft.problem ? ids.errorId : undefined}
          {...keyDraft.inputProps}
        />
        <select
          aria-label={`Type of ${name}`}
          value={bound ? "string" : type}
          disabled={bound !== null}
          onChange={(event) =>
            setValue(convertValue(value, event.target.value as HyperparameterType))
          }
        >
          {HYPERPARAMETER_TYPES.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="insp-icon-button"
          aria-label={`Remove hyperparameter ${name}`}
          onClick={() => setValue(undefined)}
        >
          ×
        </button>
      </div>
      {bound ? (
        <output {...valueAria} className="insp-bound-value">
          parameter {bound.parameter}
        </output>
      ) : type === "bool" ? (
        <select
          {...valueAria}
          value={String(value)}
          onChange={(event) => setValue(event.target.value === "true")}
        >
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : (
        <input
          {...valueAria}
          type="text"
          className={type === "string" ? undefined : "insp-mono"}
          inputMode={type === "number" ? "decimal" : undefined}
          placeholder={type === "list" ? "comma-separated" : undefined}
          {...valueDraft.inputProps}
        />
      )}
      <FieldMessages ids={ids} messages={messages} invalid={invalid} help={known?.help} />
    </div>
  );
}

export const HyperparameterRow = memo(
  HyperparameterRowView,
  (a, b) =>
    a.stepId === b.stepId &&
    a.name === b.name &&
    a.value === b.value &&
    a.known === b.known &&
    a.listId === b.listId &&
    sameProblems(a.problems, b.problems),
);
