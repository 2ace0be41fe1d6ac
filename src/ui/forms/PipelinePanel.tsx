import type { PipelineParameter, PipelineSettings } from "../../model";
import type { DesignState } from "../../store/designStore";
import { useCompiled, useDesign, useDesignerStores } from "../designerContext";
import { CommitInput, FieldFrame } from "./controls";

const selectPipeline = (state: DesignState) => state.design.pipeline;

const TEXT_FIELDS: { key: keyof PipelineSettings; label: string; help?: string }[] = [
  { key: "name", label: "Pipeline name", help: "Letters, digits and single hyphens." },
  { key: "description", label: "Description" },
  { key: "region", label: "Region" },
  { key: "roleArn", label: "Role ARN", help: "The SageMaker execution role the steps run as." },
  { key: "bucket", label: "Bucket" },
  {
    key: "s3Prefix",
    label: "S3 prefix",
    help: "Code, outputs and hyperparameters go under s3://bucket/prefix.",
  },
];

/** Pipeline settings and parameters, shown when no step is selected. */
export function PipelinePanel() {
  const pipeline = useDesign(selectPipeline);
  const { diagnostics } = useCompiled();
  const stores = useDesignerStores();
  const update = (patch: Partial<PipelineSettings>) =>
    stores.design.getState().updatePipeline(patch);
  const errorAt = (path: string) =>
    diagnostics.find((diagnostic) => !diagnostic.stepId && diagnostic.path === path)?.message;
  const setParameters = (parameters: PipelineParameter[]) => update({ parameters });
  return (
    <div className="inspector" aria-label="Pipeline settings">
      <h2 className="inspector__heading">Pipeline</h2>
      {TEXT_FIELDS.map(({ key, label, help }) => (
        <FieldFrame key={key} label={label} help={help} error={errorAt(`pipeline.${key}`)}>
          {({ id, describedBy, invalid }) => (
            <CommitInput
              id={id}
              value={String(pipeline[key] ?? "")}
              describedBy={describedBy}
              invalid={invalid}
              onCommit={(text) => {
                update({ [key]: text.trim() });
                return null;
              }}
            />
          )}
        </FieldFrame>
      ))}
      <label className="field__check">
        <input
          type="checkbox"
          checked={pipeline.cache.enabled}
          onChange={(event) =>
            update({ cache: { ...pipeline.cache, enabled: event.target.checked } })
          }
        />{" "}
        Cache steps
      </label>
      <FieldFrame label="Cache expiry" help="ISO 8601 duration, e.g. P30D.">
        {({ id, describedBy }) => (
          <CommitInput
            id={id}
            value={pipeline.cache.expireAfter}
            describedBy={describedBy}
            onCommit={(text) => {
              update({ cache: { ...pipeline.cache, expireAfter: text.trim() || "P30D" } });
              return null;
            }}
          />
        )}
      </FieldFrame>
      <h3 className="inspector__heading">Parameters</h3>
      <table className="parameters">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col">Default</th>
            <th scope="col">
              <span className="visually-hidden">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {pipeline.parameters.map((parameter, index) => {
            const replace = (next: PipelineParameter) =>
              setParameters(pipeline.parameters.map((p, i) => (i === index ? next : p)));
            return (
              <tr key={`${parameter.name}-${index}`}>
                <td>
                  <CommitInput
                    id={`parameter-${index}-name`}
                    ariaLabel={`Name of parameter ${index + 1}`}
                    value={parameter.name}
                    invalid={Boolean(errorAt(`pipeline.parameters[${index}].name`))}
                    onCommit={(text) => (replace({ ...parameter, name: text.trim() }), null)}
                  />
                </td>
                <td>
                  <select
                    aria-label={`Type of parameter ${parameter.name}`}
                    value={parameter.type}
                    onChange={(event) =>
                      replace({
                        name: parameter.name,
                        type: event.target.value as PipelineParameter["type"],
                      })
                    }
                  >
                    {["String", "Integer", "Float", "Boolean"].map((type) => (
                      <option key={type}>{type}</option>
                    ))}
                  </select>
                </td>
                <td>
                  <CommitInput
                    id={`parameter-${index}-default`}
                    ariaLabel={`Default of parameter ${parameter.name}`}
                    value={parameter.default === undefined ? "" : String(parameter.default)}
                    onCommit={(text) => {
                      const value = defaultFor(parameter.type, text.trim());
                      if (value === null) return `enter a ${parameter.type.toLowerCase()} value`;
                      replace({ ...parameter, default: value });
                      return null;
                    }}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    aria-label={`Remove parameter ${parameter.name}`}
                    onClick={() => setParameters(pipeline.parameters.filter((_, i) => i !== index))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <button
        type="button"
        onClick={() =>
          setParameters([
            ...pipeline.parameters,
            { name: `Parameter${pipeline.parameters.length + 1}`, type: "String", default: "" },
          ])
        }
      >
        Add parameter
      </button>
    </div>
  );
}

function defaultFor(
  type: PipelineParameter["type"],
  text: string,
): string | number | boolean | undefined | null {
  if (text === "") return undefined;
  if (type === "String") return text;
  if (type === "Boolean") return text === "true" ? true : text === "false" ? false : null;
  const number = Number(text);
  if (!Number.isFinite(number) || (type === "Integer" && !Number.isInteger(number))) return null;
  return number;
}
