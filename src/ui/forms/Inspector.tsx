import { useMemo } from "react";
import { stepType } from "../../catalog";
import type { DesignState } from "../../store/designStore";
import type { UiState } from "../../store/uiStore";
import { useCompiled, useDesign, useDesignerStores, useUi } from "../designerContext";
import { CommitInput, FieldFrame } from "./controls";
import { FieldEditor } from "./FieldEditor";
import { fieldDiagnosticPath, formFields, SECTION_ORDER } from "./fieldModel";
import { HyperparametersEditor } from "./HyperparametersEditor";
import { PipelinePanel } from "./PipelinePanel";

const selectDesign = (state: DesignState) => state.design;
const selectSelected = (state: UiState) => state.selectedStepIds;

/** The selected step's form, generated from its type's schema; the pipeline settings when nothing is selected. */
export function Inspector() {
  const design = useDesign(selectDesign);
  const selected = useUi(selectSelected);
  const { diagnostics } = useCompiled();
  const stores = useDesignerStores();
  const step =
    selected.length === 1
      ? design.steps.find((candidate) => candidate.id === selected[0])
      : undefined;
  const definition = step && stepType(step.type);
  const effective = useMemo(() => {
    if (!step || !definition) return {};
    const parsed = definition.configSchema.safeParse(step.config);
    return (parsed.success ? parsed.data : step.config) as Record<string, unknown>;
  }, [step, definition]);
  if (selected.length > 1)
    return (
      <p className="inspector__hint">{selected.length} steps selected. Select one to edit it.</p>
    );
  if (!step) return <PipelinePanel />;
  const mine = diagnostics.filter((diagnostic) => diagnostic.stepId === step.id);
  if (!definition)
    return <p className="inspector__hint">Unknown step type “{step.type}”: nothing to edit.</p>;
  const fields = formFields(definition, effective);
  const nameError = mine.find((diagnostic) => diagnostic.path === "name")?.message;
  const general = mine.filter(
    (diagnostic) =>
      !diagnostic.path || diagnostic.path.startsWith("inputs.") || diagnostic.path === "type",
  );
  return (
    <div className="inspector" aria-label={`Step ${step.name}`}>
      <FieldFrame
        label="Step name"
        error={nameError}
        help="What SageMaker sees: letters, digits, '-' and '_', up to 64."
      >
        {({ id, describedBy, invalid }) => (
          <CommitInput
            id={id}
            value={step.name}
            describedBy={describedBy}
            invalid={invalid}
            onCommit={(text) => {
              const result = stores.design.getState().renameStep(step.id, text.trim());
              return result.ok ? null : result.message;
            }}
          />
        )}
      </FieldFrame>
      <p className="inspector__type">
        {definition.displayName} ·{" "}
        <span className="inspector__description">{definition.description}</span>
      </p>
      {general.length > 0 && (
        <ul className="inspector__problems" aria-label="Step problems">
          {general.map((diagnostic, index) => (
            <li key={index} className={`problem problem--${diagnostic.severity}`}>
              <code>{diagnostic.code}</code> {diagnostic.message}
            </li>
          ))}
        </ul>
      )}
      {SECTION_ORDER.map((section) => {
        const inSection = fields.filter((field) => field.meta.section === section);
        if (inSection.length === 0) return null;
        return (
          <details key={section} className="inspector__section" open={section !== "Advanced"}>
            <summary>{section}</summary>
            <div role="group" aria-label={section}>
              {inSection.map((field) =>
                field.meta.kind === "hyperparameters" ? (
                  <HyperparametersEditor
                    key={field.key}
                    step={step}
                    definition={definition}
                    diagnostics={mine}
                  />
                ) : (
                  <FieldEditor
                    key={field.key}
                    step={step}
                    field={field}
                    stored={step.config[field.key]}
                    error={
                      mine.find((diagnostic) => fieldDiagnosticPath(diagnostic.path, field.key))
                        ?.message
                    }
                  />
                ),
              )}
            </div>
          </details>
        );
      })}
    </div>
  );
}
