import "./inspector.css";
import { useId, useMemo, type ReactNode } from "react";
import { stepType, type FieldSection } from "../../catalog";
import type { Diagnostic, Step } from "../../model";
import type { DesignState } from "../../store/designStore";
import type { UiState } from "../../store/uiStore";
import { useCompiled, useDesign, useUi } from "../designerContext";
import { ConfigField } from "./ConfigField";
import { problemsOf, stepProblems } from "./fieldProblems";
import {
  effectiveFrameworkVersion,
  fieldsBySection,
  formFields,
  type FormField,
  type StepDefinition,
} from "./schemaFields";
import { StepHeader } from "./StepHeader";

const selectSelectedIds = (state: UiState) => state.selectedStepIds;
const selectSteps = (state: DesignState) => state.design.steps;
const NO_FIELDS: readonly FormField[] = [];

/**
 * The selected step's settings: name, type, the problems no field owns, and a form generated
 * from the step type's config schema, in sections. Shows a hint unless exactly one step is selected.
 */
export function Inspector() {
  const selected = useUi(selectSelectedIds);
  const steps = useDesign(selectSteps);
  const { diagnostics } = useCompiled();
  const step = selected.length === 1 ? steps.find((found) => found.id === selected[0]) : undefined;
  if (!step) {
    return (
      <div className="insp">
        <p className="insp-hint">
          {selected.length > 1
            ? `${selected.length} steps are selected. Select one step to edit its settings.`
            : "Select a step on the canvas to edit its settings."}
        </p>
      </div>
    );
  }
  return <StepForm key={step.id} step={step} diagnostics={diagnostics} />;
}

function StepForm({ step, diagnostics }: { step: Step; diagnostics: readonly Diagnostic[] }) {
  const definition = stepType(step.type);
  const fields = definition ? formFields(definition) : NO_FIELDS;
  const keys = useMemo(() => fields.map((field) => field.key), [fields]);
  const sections = useMemo(() => fieldsBySection(fields), [fields]);
  const problems = useMemo(
    () => stepProblems(diagnostics, step.id, keys),
    [diagnostics, step.id, keys],
  );
  const frameworkVersion = definition
    ? effectiveFrameworkVersion(definition, step.config)
    : undefined;
  return (
    <div className="insp">
      <StepHeader
        stepId={step.id}
        name={step.name}
        typeName={definition?.displayName ?? `Unknown step type "${step.type}"`}
        description={definition?.description}
        nameProblems={problems.name}
        stepProblems={problems.other}
      />
      {definition &&
        sections.map(({ section, fields: inSection }) => (
          <Section key={section} section={section}>
            {inSection.map((field) => (
              <ConfigField
                key={field.key}
                stepId={step.id}
                stepName={field.meta.parameterType ? step.name : ""}
                definition={definition as StepDefinition}
                field={field}
                stored={step.config[field.key]}
                frameworkVersion={field.key === "pyVersion" ? frameworkVersion : undefined}
                problems={problemsOf(problems, field.key)}
              />
            ))}
          </Section>
        ))}
    </div>
  );
}

/** A collapsible section; its content is a region named after it (fieldsets inside are the groups). */
function Section({ section, children }: { section: FieldSection; children: ReactNode }) {
  const id = useId();
  return (
    <details className="insp-section" open>
      <summary id={id}>{section}</summary>
      <section className="insp-section__body" aria-labelledby={id}>
        {children}
      </section>
    </details>
  );
}
