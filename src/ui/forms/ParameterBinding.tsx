import { isParameterRef, PARAMETER_NAME_PATTERN, type Step } from "../../model";
import { useDesign, useDesignerStores } from "../designerContext";
import type { DesignState } from "../../store/designStore";
import type { FormField } from "./fieldModel";

const selectParameters = (state: DesignState) => state.design.pipeline.parameters;

/** The name a new parameter gets: step name + field, e.g. `PyTorchTrainingInstanceType`. */
function suggestedName(step: Step, key: string, taken: Set<string>): string {
  const base = `${step.name}${key.charAt(0).toUpperCase()}${key.slice(1)}`.replace(
    /[^A-Za-z0-9_-]/g,
    "",
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}${n}`)) return `${base}${n}`;
}

/**
 * Toggle a field between a literal and a pipeline parameter. Binding picks an existing parameter
 * of the field's type (a select appears once bound) or creates one from the current value.
 */
export function ParameterBinding({
  step,
  field,
  stored,
}: {
  step: Step;
  field: FormField;
  stored: unknown;
}) {
  const parameters = useDesign(selectParameters);
  const stores = useDesignerStores();
  const type = field.meta.parameterType;
  if (!type) return null;
  const candidates = parameters.filter((parameter) => parameter.type === type);
  const bind = makeBinder(stores, step.id, field.key);
  if (isParameterRef(stored)) {
    const current = parameters.find((parameter) => parameter.name === stored.parameter);
    return (
      <span className="binding">
        <select
          aria-label={`Parameter for ${field.meta.label}`}
          value={stored.parameter}
          onChange={(event) => bind({ parameter: event.target.value })}
        >
          {candidates.map((parameter) => (
            <option key={parameter.name}>{parameter.name}</option>
          ))}
          {!current && <option>{stored.parameter}</option>}
        </select>
        <button
          type="button"
          aria-label={`Unbind ${field.meta.label} from its parameter`}
          onClick={() => bind({ literal: current?.default ?? field.defaultValue })}
        >
          Unbind
        </button>
      </span>
    );
  }
  const onBind = () => {
    const existing = candidates[0];
    if (existing) return bind({ parameter: existing.name });
    const name = suggestedName(
      step,
      field.key,
      new Set(parameters.map((parameter) => parameter.name)),
    );
    if (!PARAMETER_NAME_PATTERN.test(name)) return;
    const value = stored ?? field.defaultValue;
    const fallback = type === "String" ? "" : type === "Boolean" ? false : 0;
    const defaultValue =
      typeof value === "string" || typeof value === "number" || typeof value === "boolean"
        ? value
        : fallback;
    bind({ parameter: name, create: { name, type, default: defaultValue } });
  };
  return (
    <button
      type="button"
      className="binding__toggle"
      aria-label={`Bind ${field.meta.label} to a pipeline parameter`}
      title="Vary per execution: bind to a pipeline parameter"
      onClick={onBind}
    >
      ⚙ param
    </button>
  );
}

function makeBinder(stores: ReturnType<typeof useDesignerStores>, stepId: string, key: string) {
  return (binding: Parameters<DesignState["bindParameter"]>[2]) =>
    stores.design.getState().bindParameter(stepId, [key], binding);
}
