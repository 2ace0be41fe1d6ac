import { memo } from "react";
import type { Diagnostic, ParameterType, PipelineParameter } from "../../model";
import { useDesignerStores, type DesignerStores } from "../designerContext";
import { describedBy, FieldMessages, useCommitDraft, useFieldIds } from "./FieldShell";
import { hasError, messagesOf, problemsUnder, sameProblems } from "./fieldProblems";
import { displayValue } from "./fieldValues";
import {
  nextParameterName,
  PARAMETER_TYPES,
  parameterNameProblem,
  parseParameterDefault,
  withType,
} from "./parameterModel";

/** Replaces the parameter list: one `updatePipeline` call, one undo step. */
function setParameters(
  stores: DesignerStores,
  change: (parameters: PipelineParameter[]) => PipelineParameter[],
) {
  const current = stores.design.getState().design.pipeline.parameters;
  stores.design.getState().updatePipeline({ parameters: change([...current]) });
}

interface ParametersTableProps {
  parameters: readonly PipelineParameter[];
  problems: readonly Diagnostic[];
}

/** The pipeline's parameters: name, type and default per row; add and remove. */
export const ParametersTable = memo(
  ParametersTableView,
  (a, b) => a.parameters === b.parameters && sameProblems(a.problems, b.problems),
);

function ParametersTableView({ parameters, problems }: ParametersTableProps) {
  const stores = useDesignerStores();
  const ids = useFieldIds();
  const own = problems.filter(
    (diagnostic) => !/^pipeline\.parameters\[\d+\]/.test(diagnostic.path ?? ""),
  );
  const messages = messagesOf(own);
  return (
    <fieldset
      className="insp-field insp-parameters"
      aria-describedby={describedBy(ids, messages, undefined)}
    >
      <legend>Parameters</legend>
      {parameters.length === 0 ? (
        <p className="insp-muted">No parameters. A bound field varies per execution.</p>
      ) : (
        <table className="insp-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">Default</th>
              <th scope="col">
                <span className="insp-sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {parameters.map((parameter, index) => (
              <ParameterRow
                key={index}
                index={index}
                parameter={parameter}
                problems={problemsUnder(problems, `pipeline.parameters[${index}]`)}
              />
            ))}
          </tbody>
        </table>
      )}
      <button
        type="button"
        className="insp-add"
        onClick={() =>
          setParameters(stores, (current) => [
            ...current,
            { name: nextParameterName(current), type: "String" },
          ])
        }
      >
        Add parameter
      </button>
      <FieldMessages ids={ids} messages={messages} invalid={hasError(own)} />
    </fieldset>
  );
}

interface ParameterRowProps {
  index: number;
  parameter: PipelineParameter;
  problems: readonly Diagnostic[];
}

function ParameterRowView({ index, parameter, problems }: ParameterRowProps) {
  const stores = useDesignerStores();
  const ids = useFieldIds();
  const replace = (next: PipelineParameter) =>
    setParameters(stores, (current) => current.map((p, at) => (at === index ? next : p)));
  const nameDraft = useCommitDraft(parameter.name, (text) => {
    const name = text.trim();
    const current = stores.design.getState().design.pipeline.parameters;
    const problem = parameterNameProblem(name, current, index);
    if (problem) return problem;
    replace({ ...parameter, name });
    return null;
  });
  const defaultDraft = useCommitDraft(displayValue(parameter.default), (text) => {
    const parsed = parseParameterDefault(parameter.type, text);
    if (!parsed.ok) return parsed.message;
    const { default: _old, ...rest } = parameter;
    replace(parsed.value === undefined ? rest : { ...rest, default: parsed.value });
    return null;
  });
  const local = nameDraft.problem ?? defaultDraft.problem;
  const messages = messagesOf(problems, local);
  const invalid = hasError(problems, local);
  const described = describedBy(ids, messages, undefined);
  const label = parameter.name || `parameter ${index + 1}`;
  return (
    <tr className={invalid ? "insp-field--invalid" : undefined}>
      <td>
        <input
          aria-label={`Name of parameter ${index + 1}`}
          className="insp-mono"
          aria-invalid={
            hasError(
              problemsUnder(problems, `pipeline.parameters[${index}].name`),
              nameDraft.problem,
            ) || undefined
          }
          aria-describedby={described}
          {...nameDraft.inputProps}
        />
        <FieldMessages ids={ids} messages={messages} invalid={invalid} />
      </td>
      <td>
        <select
          aria-label={`Type of ${label}`}
          value={parameter.type}
          onChange={(event) => replace(withType(parameter, event.target.value as ParameterType))}
        >
          {PARAMETER_TYPES.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </td>
      <td>
        {parameter.type === "Boolean" ? (
          <select
            aria-label={`Default of ${label}`}
            value={displayValue(parameter.default)}
            aria-describedby={described}
            onChange={(event) => {
              const { default: _old, ...rest } = parameter;
              const chosen = event.target.value;
              replace(chosen === "" ? rest : { ...rest, default: chosen === "true" });
            }}
          >
            <option value="">(none)</option>
            <option value="true">true</option>
            <option value="false">false</option>
          </select>
        ) : (
          <input
            aria-label={`Default of ${label}`}
            inputMode={parameter.type === "String" ? undefined : "decimal"}
            aria-invalid={
              hasError(
                problemsUnder(problems, `pipeline.parameters[${index}].default`),
                defaultDraft.problem,
              ) || undefined
            }
            aria-describedby={described}
            {...defaultDraft.inputProps}
          />
        )}
      </td>
      <td>
        <button
          type="button"
          className="insp-icon-button"
          aria-label={`Remove parameter ${label}`}
          onClick={() =>
            setParameters(stores, (current) => current.filter((_, at) => at !== index))
          }
        >
          ×
        </button>
      </td>
    </tr>
  );
}

const ParameterRow = memo(
  ParameterRowView,
  (a, b) =>
    a.index === b.index && a.parameter === b.parameter && sameProblems(a.problems, b.problems),
);
