import "./inspector.css";
import { memo } from "react";
import type { Diagnostic, PipelineSettings } from "../../model";
import type { DesignState } from "../../store/designStore";
import { useCompiled, useDesign, useDesignerStores } from "../designerContext";
import { describedBy, FieldShell, useCommitDraft, useFieldIds } from "./FieldShell";
import { designProblems, hasError, messagesOf, pathWithin, sameProblems } from "./fieldProblems";
import { sameValue } from "./fieldValues";
import { ParametersTable } from "./ParametersTable";

/** A text setting of the pipeline: its label, diagnostics path and the patch a commit makes. */
interface SettingSpec {
  label: string;
  path: string;
  help?: string;
  read: (pipeline: PipelineSettings) => string;
  patch: (text: string, pipeline: PipelineSettings) => Partial<PipelineSettings>;
}

type TextKey = "name" | "description" | "region" | "roleArn" | "bucket" | "s3Prefix";

const text = (key: TextKey, trim = true) => ({
  path: `pipeline.${key}`,
  read: (pipeline: PipelineSettings) => pipeline[key],
  patch: (value: string) => ({ [key]: trim ? value.trim() : value }),
});

const SETTINGS: readonly SettingSpec[] = [
  {
    label: "Pipeline name",
    help: "Letters, digits and single hyphens; starts and ends with a letter or digit.",
    ...text("name"),
  },
  { label: "Description", ...text("description", false) },
  { label: "Region", help: "e.g. us-east-1", ...text("region") },
  {
    label: "Role ARN",
    help: "The execution role SageMaker runs the steps as.",
    ...text("roleArn"),
  },
  { label: "Bucket", ...text("bucket") },
  {
    label: "S3 prefix",
    help: "Code, outputs and hyperparameters go under s3://{bucket}/{prefix}.",
    ...text("s3Prefix"),
  },
];

const EXPIRY: SettingSpec = {
  label: "Cache expiry",
  path: "pipeline.cache.expireAfter",
  help: "ISO 8601 duration, e.g. P30D; empty = P30D.",
  read: (pipeline) => pipeline.cache.expireAfter,
  patch: (value, pipeline) => ({
    cache: { ...pipeline.cache, expireAfter: value.trim() || "P30D" },
  }),
};

const selectPipeline = (state: DesignState) => state.design.pipeline;
const HANDLED = [...SETTINGS.map((spec) => spec.path), "pipeline.cache", "pipeline.parameters"];

/** The pipeline's settings and parameters; every commit is one `updatePipeline` call. */
export function PipelinePanel() {
  const pipeline = useDesign(selectPipeline);
  const { diagnostics } = useCompiled();
  const stores = useDesignerStores();
  const other = diagnostics.filter(
    (diagnostic) =>
      diagnostic.stepId === undefined &&
      pathWithin(diagnostic.path, "pipeline") &&
      !HANDLED.some((path) => pathWithin(diagnostic.path, path)),
  );
  const cacheIds = useFieldIds();
  const cacheProblems = designProblems(diagnostics, "pipeline.cache.enabled");
  // Problems with the cache as a whole show on the expiry, the field that can be wrong.
  const expiryProblems = designProblems(diagnostics, "pipeline.cache").filter(
    (diagnostic) => !cacheProblems.includes(diagnostic),
  );
  return (
    <section className="insp insp-pipeline" aria-label="Pipeline settings">
      <h2 className="insp-heading">Pipeline</h2>
      {SETTINGS.map((spec) => (
        <SettingField
          key={spec.path}
          spec={spec}
          value={spec.read(pipeline)}
          problems={designProblems(diagnostics, spec.path)}
        />
      ))}
      <FieldShell
        ids={cacheIds}
        label="Cache steps"
        help="Reuse a step's earlier result when its arguments are unchanged."
        messages={messagesOf(cacheProblems)}
        invalid={hasError(cacheProblems)}
      >
        <input
          id={cacheIds.id}
          aria-invalid={hasError(cacheProblems) || undefined}
          aria-describedby={describedBy(
            cacheIds,
            messagesOf(cacheProblems),
            "Reuse a step's earlier result when its arguments are unchanged.",
          )}
          type="checkbox"
          className="insp-toggle"
          checked={pipeline.cache.enabled}
          onChange={(event) =>
            stores.design
              .getState()
              .updatePipeline({ cache: { ...pipeline.cache, enabled: event.target.checked } })
          }
        />
      </FieldShell>
      <SettingField spec={EXPIRY} value={EXPIRY.read(pipeline)} problems={expiryProblems} />
      <ParametersTable
        parameters={pipeline.parameters}
        problems={designProblems(diagnostics, "pipeline.parameters")}
      />
      {other.length > 0 && (
        <ul className="insp-problems" aria-label="Pipeline problems">
          {other.map((diagnostic, index) => (
            <li key={index} className={`insp-problem insp-problem--${diagnostic.severity}`}>
              <code>{diagnostic.code}</code> {diagnostic.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

interface SettingFieldProps {
  spec: SettingSpec;
  value: string;
  problems: readonly Diagnostic[];
}

const SettingField = memo(
  function SettingField({ spec, value, problems }: SettingFieldProps) {
    const stores = useDesignerStores();
    const ids = useFieldIds();
    const draft = useCommitDraft(value, (typed) => {
      const { pipeline } = stores.design.getState().design;
      const patch = spec.patch(typed, pipeline);
      const changed = Object.entries(patch).some(
        ([key, next]) => !sameValue(next, pipeline[key as keyof PipelineSettings]),
      );
      if (changed) stores.design.getState().updatePipeline(patch);
      return null;
    });
    const messages = messagesOf(problems, draft.problem);
    const invalid = hasError(problems, draft.problem);
    return (
      <FieldShell
        ids={ids}
        label={spec.label}
        help={spec.help}
        messages={messages}
        invalid={invalid}
      >
        <input
          id={ids.id}
          type="text"
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(ids, messages, spec.help)}
          {...draft.inputProps}
        />
      </FieldShell>
    );
  },
  (a, b) => a.spec === b.spec && a.value === b.value && sameProblems(a.problems, b.problems),
);
