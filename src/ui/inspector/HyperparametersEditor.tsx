import { useId, useMemo, useRef, useState } from "react";
import type { Framework } from "../../catalog";
import type { Diagnostic } from "../../model";
import { useDesignerStores } from "../designerContext";
import { FieldMessages, useFieldIds } from "./FieldShell";
import { hasError, messagesOf, problemsUnder } from "./fieldProblems";
import { HyperparameterRow } from "./HyperparameterRow";
import {
  HYPERPARAMETER_TYPES,
  initialValue,
  keyProblem,
  knownHyperparameters,
  parseHyperparameterValue,
  rowTypeOfKind,
  type HyperparameterType,
} from "./hyperparameterModel";

export interface HyperparametersEditorProps {
  stepId: string;
  framework: Framework;
  stored: unknown;
  problems: readonly Diagnostic[];
}

const PREFIX = "hyperparameters.";
/** `hyperparameters.batch_size[0]` → `batch_size`. */
const keyOfPath = (path: string | undefined) =>
  path?.startsWith(PREFIX) ? path.slice(PREFIX.length).split(/[.[]/)[0] : undefined;

/** Typed hyperparameter rows; the framework's known keys are suggested with their help, any key is allowed. */
export function HyperparametersEditor({
  stepId,
  framework,
  stored,
  problems,
}: HyperparametersEditorProps) {
  const stores = useDesignerStores();
  const listId = useId();
  const ids = useFieldIds();
  const keyInput = useRef<HTMLInputElement>(null);
  const record = useMemo(
    () => (stored && typeof stored === "object" ? (stored as Record<string, unknown>) : {}),
    [stored],
  );
  const known = knownHyperparameters(framework);
  const knownOf = (key: string) => known.find((spec) => spec.key === key);
  const [newKey, setNewKey] = useState("");
  const [newType, setNewType] = useState<HyperparameterType>("string");
  const [newValue, setNewValue] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  const chooseKey = (key: string) => {
    setNewKey(key);
    setProblem(null);
    const spec = knownOf(key.trim());
    if (spec) setNewType(rowTypeOfKind(spec.kind));
  };
  const add = () => {
    const key = newKey.trim();
    const spec = knownOf(key);
    const parsed =
      newValue.trim() === ""
        ? { ok: true as const, value: initialValue(newType, spec) }
        : parseHyperparameterValue(newType, newValue);
    const refused = keyProblem(record, key) ?? (parsed.ok ? null : parsed.message);
    setProblem(refused);
    if (refused || !parsed.ok) return;
    stores.design.getState().setStepConfigValue(stepId, ["hyperparameters", key], parsed.value);
    setNewKey("");
    setNewValue("");
  };
  const onEnter = (event: { key: string; preventDefault: () => void }) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    add();
  };

  const missing = problems.filter((diagnostic) => {
    const key = keyOfPath(diagnostic.path);
    return key !== undefined && !Object.hasOwn(record, key);
  });
  const general = problems.filter((diagnostic) => keyOfPath(diagnostic.path) === undefined);
  const messages = messagesOf(general, problem);
  const invalid = hasError(general, problem);
  const newSpec = knownOf(newKey.trim());
  return (
    <div className="insp-hps">
      <datalist id={listId}>
        {known.map((spec) => (
          <option key={spec.key} value={spec.key}>
            {`${spec.help}${spec.required ? " (required)" : ""}`}
          </option>
        ))}
      </datalist>
      {Object.keys(record).length === 0 && <p className="insp-muted">No hyperparameters.</p>}
      {Object.entries(record).map(([key, value]) => (
        <HyperparameterRow
          key={key}
          stepId={stepId}
          name={key}
          value={value}
          known={knownOf(key)}
          listId={listId}
          problems={problemsUnder(problems, `${PREFIX}${key}`)}
        />
      ))}
      {missing.length > 0 && (
        <ul className="insp-missing" aria-label="Missing hyperparameters">
          {missing.map((diagnostic) => {
            const key = keyOfPath(diagnostic.path) ?? "";
            return (
              <li key={`${diagnostic.code}-${diagnostic.path}`} className="insp-field__error">
                {diagnostic.message}{" "}
                <button
                  type="button"
                  className="insp-link-button"
                  onClick={() => {
                    chooseKey(key);
                    keyInput.current?.focus();
                  }}
                >
                  Add {key}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <div className="insp-hp insp-hp--new" role="group" aria-label="Add a hyperparameter">
        <div className="insp-hp__line">
          <input
            ref={keyInput}
            className="insp-mono"
            aria-label="New hyperparameter key"
            placeholder="key, e.g. batch_size"
            list={listId}
            value={newKey}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? ids.errorId : undefined}
            onChange={(event) => chooseKey(event.target.value)}
            onKeyDown={onEnter}
          />
          <select
            aria-label="New hyperparameter type"
            value={newType}
            onChange={(event) => setNewType(event.target.value as HyperparameterType)}
          >
            {HYPERPARAMETER_TYPES.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </div>
        <div className="insp-hp__line">
          <input
            aria-label="New hyperparameter value"
            placeholder={
              newSpec?.default !== undefined
                ? `default ${String(newSpec.default)}`
                : newType === "list"
                  ? "comma-separated"
                  : "value"
            }
            value={newValue}
            onChange={(event) => {
              setNewValue(event.target.value);
              setProblem(null);
            }}
            onKeyDown={onEnter}
          />
          <button type="button" onClick={add}>
            Add hyperparameter
          </button>
        </div>
        {newSpec && <p className="insp-field__help">{newSpec.help}</p>}
      </div>
      <FieldMessages ids={ids} messages={messages} invalid={invalid} />
    </div>
  );
}
