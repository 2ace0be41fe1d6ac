import { memo } from "react";
import type { Diagnostic } from "../../model";
import { sameProblems } from "./fieldProblems";
import { GroupField } from "./GroupField";
import { HyperparametersEditor } from "./HyperparametersEditor";
import { KeyValueField } from "./KeyValueField";
import { MetricsField } from "./MetricsField";
import { ScalarField } from "./ScalarField";
import type { FormField, StepDefinition } from "./schemaFields";
import { CodeField } from "./CodeField";
import { ConditionsField } from "./ConditionsField";
import { EvaluationMetricsField } from "./EvaluationMetricsField";
import { MessageField } from "./MessageField";
import { RetryPoliciesField } from "./RetryPoliciesField";
import { StringListField } from "./SimpleFields";

export interface ConfigFieldProps {
  stepId: string;
  stepName: string;
  definition: StepDefinition;
  field: FormField;
  /** What the design holds for this field (`undefined` = the default applies). */
  stored: unknown;
  /** The effective framework version; only the Python version field needs it. */
  frameworkVersion: string | undefined;
  /** Diagnostics whose path lies under this field. */
  problems: readonly Diagnostic[];
}

/** One config field, rendered by its `FieldMeta.kind`. */
function ConfigFieldView(props: ConfigFieldProps) {
  const { stepId, field, stored, problems } = props;
  const simple = { stepId, field, stored, problems };
  switch (field.meta.kind) {
    case "keyValue":
      return <KeyValueField {...simple} />;
    case "stringList":
      return <StringListField {...simple} />;
    case "group":
      return <GroupField {...simple} />;
    case "code":
      return <CodeField {...simple} />;
    case "metrics":
      return <MetricsField {...simple} />;
    case "hyperparameters":
      return props.definition.framework === null ? null : (
        <HyperparametersEditor
          stepId={stepId}
          framework={props.definition.framework}
          stored={stored}
          problems={problems}
        />
      );
    case "evaluationMetrics":
      return <EvaluationMetricsField {...simple} />;
    case "conditions":
      return <ConditionsField {...simple} />;
    case "message":
      return <MessageField {...simple} />;
    case "retryPolicies":
      return <RetryPoliciesField {...simple} />;
    default:
      return <ScalarField {...props} />;
  }
}

/** Re-renders only when the field's stored value, its problems or its context change. */
export const ConfigField = memo(
  ConfigFieldView,
  (a, b) =>
    a.stepId === b.stepId &&
    a.stepName === b.stepName &&
    a.definition === b.definition &&
    a.field === b.field &&
    a.stored === b.stored &&
    a.frameworkVersion === b.frameworkVersion &&
    sameProblems(a.problems, b.problems),
);
