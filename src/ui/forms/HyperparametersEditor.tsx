import { useId, useState } from "react";
import {
  PYTORCH_HYPERPARAMETERS,
  XGBOOST_HYPERPARAMETERS,
  type StepTypeDefinition,
} from "../../catalog";
import { isParameterRef, type Diagnostic, type Step } from "../../model";
import { useDesignerStores } from "../designerContext";
import { CommitInput } from "./controls";
import {
  parseHyperparameter,
  typeOfValue,
  valueText,
  type HyperparameterType,
} from "./hyperparameterRows";

const TYPES: HyperparameterType[] = ["string", "number", "bool", "list"];

/** Typed rows of hyperparameters; the framework's known keys are suggested, any key is allowed. */
export function HyperparametersEditor({
  step,
  definition,
  diagnostics,
}: {
  step: Step;
  definition: StepTypeDefinition<Record<string, unknown>>;
  diagnostics: Diagnostic[];
}) {
  const stores = useDesignerStores();
  const listId = useId();
  const values = (step.config.hyperparameters ?? {}) as Record<string, unknown>;
  const known =
    definition.framework === "xgboost" ? XGBOOST_HYPERPARAMETERS : PYTORCH_HYPERPARAMETERS;
  const [newKey, setNewKey] = useState("");
  const [newType, setNewType] = useState<HyperparameterType>("string");
  const setValue = (key: string, value: unknown) =>
    stores.design.getState().setStepConfigValue(step.id, ["hyperparameters", key], value);
  const errorFor = (key: string) =>
    diagnostics.find((diagnostic) => diagnostic.path === `hyperparameters.${key}`)?.message;
  const missing = diagnostics.filter(
    (diagnostic) =>
      diagnostic.path?.startsWith("hyperparameters.") && !(diagnostic.path.slice(16) in values),
  );
  const add = () => {
    const key = newKey.trim();
    if (!key || key in values) return;
    const spec = known.find((candidate) => candidate.key === key);
    const type = spec
      ? spec.kind === "integer"
        ? "number"
        : spec.kind === "boolean"
          ? "bool"
          : (spec.kind as HyperparameterType)
      : newType;
    const initial =
      spec?.default ??
      (type === "number" ? 0 : type === "bool" ? false : type === "list" ? [] : "");
    setValue(key, initial);
    setNewKey("");
  };
  return (
    <div className="hyperparameters">
      <datalist id={listId}>
        {known.map((spec) => (
          <option key={spec.key} value={spec.key}>
            {spec.help}
          </option>
        ))}
      </datalist>
      <table>
        <caption className="visually-hidden">Hyperparameters of {step.name}</caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Type</th>
            <th scope="col">Value</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(values).map(([key, value]) => {
            const type = typeOfValue(value);
            const error = errorFor(key);
            const errorId = `${listId}-${key}-error`;
            return (
              <tr key={key}>
                <th scope="row" title={known.find((spec) => spec.key === key)?.help}>
                  <code>{key}</code>
                </th>
                <td>
                  <select
                    aria-label={`Type of ${key}`}
                    value={type}
                    disabled={isParameterRef(value)}
                    onChange={(event) => {
                      const parsed = parseHyperparameter(
                        event.target.value as HyperparameterType,
                        valueText(value),
                      );
                      setValue(
                        key,
                        "value" in parsed
                          ? parsed.value
                          : event.target.value === "list"
                            ? []
                            : event.target.value === "bool"
                              ? false
                              : event.target.value === "number"
                                ? 0
                                : "",
                      );
                    }}
                  >
                    {TYPES.map((option) => (
                      <option key={option}>{option}</option>
                    ))}
                  </select>
                </td>
                <td>
                  {isParameterRef(value) ? (
                    <span>
                      bound to parameter <code>{value.parameter}</code>
                    </span>
                  ) : (
                    <CommitInput
                      id={`${listId}-${key}`}
                      ariaLabel={`Value of ${key}`}
                      value={valueText(value)}
                      invalid={Boolean(error)}
                      describedBy={error ? errorId : undefined}
                      onCommit={(text) => {
                        const parsed = parseHyperparameter(type, text);
                        if ("error" in parsed) return parsed.error;
                        setValue(key, parsed.value);
                        return null;
                      }}
                    />
                  )}
                  {error && (
                    <p id={errorId} className="field__error">
                      {error}
                    </p>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={`Remove hyperparameter ${key}`}
                    onClick={() => setValue(key, undefined)}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <div className="hyperparameters__add">
        <input
          aria-label="New hyperparameter key"
          list={listId}
          value={newKey}
          placeholder="key, e.g. batch_size"
          onChange={(event) => setNewKey(event.target.value)}
          onKeyDown={(event) => event.key === "Enter" && add()}
        />
        <select
          aria-label="New hyperparameter type"
          value={newType}
          onChange={(event) => setNewType(event.target.value as HyperparameterType)}
        >
          {TYPES.map((option) => (
            <option key={option}>{option}</option>
          ))}
        </select>
        <button type="button" onClick={add}>
          Add hyperparameter
        </button>
      </div>
      {missing.length > 0 && (
        <ul className="field__errors">
          {missing.map((diagnostic) => (
            <li key={diagnostic.path} className="field__error">
              {diagnostic.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
