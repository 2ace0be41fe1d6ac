import { memo } from "react";
import type { Diagnostic } from "../../model";
import { useDesignerStores } from "../designerContext";
import { describedBy, FieldShell, useCommitDraft, useFieldIds } from "./FieldShell";
import { hasError, messagesOf, sameProblems } from "./fieldProblems";

export interface StepHeaderProps {
  stepId: string;
  name: string;
  /** The step type's display name, e.g. "PyTorch Training". */
  typeName: string;
  description: string | undefined;
  /** Diagnostics on the name (duplicate, bad pattern). */
  nameProblems: readonly Diagnostic[];
  /** Diagnostics about the step that belong to no field (unfed inputs, links, cycles). */
  stepProblems: readonly Diagnostic[];
}

const NAME_HELP = "What SageMaker sees: letters, digits, '-' and '_', up to 64.";

/** The step's name (renamed on blur or Enter), its type and the problems no field owns. */
function StepHeaderView({
  stepId,
  name,
  typeName,
  description,
  nameProblems,
  stepProblems,
}: StepHeaderProps) {
  const stores = useDesignerStores();
  const ids = useFieldIds();
  const draft = useCommitDraft(name, (text) => {
    const next = text.trim();
    if (next === name) return null;
    const result = stores.design.getState().renameStep(stepId, next);
    return result.ok ? null : result.message;
  });
  const messages = messagesOf(nameProblems, draft.problem);
  const invalid = hasError(nameProblems, draft.problem);
  return (
    <header className="insp-header">
      <FieldShell
        ids={ids}
        label="Step name"
        help={NAME_HELP}
        messages={messages}
        invalid={invalid}
      >
        <input
          id={ids.id}
          type="text"
          className="insp-name"
          spellCheck={false}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(ids, messages, NAME_HELP)}
          {...draft.inputProps}
        />
      </FieldShell>
      <p className="insp-type">
        <span className="insp-type__name">{typeName}</span>
        {description && <span className="insp-muted"> · {description}</span>}
      </p>
      {stepProblems.length > 0 && (
        <ul className="insp-problems" aria-label="Step problems">
          {stepProblems.map((diagnostic, index) => (
            <li key={index} className={`insp-problem insp-problem--${diagnostic.severity}`}>
              <code>{diagnostic.code}</code> {diagnostic.message}
            </li>
          ))}
        </ul>
      )}
    </header>
  );
}

export const StepHeader = memo(
  StepHeaderView,
  (a, b) =>
    a.stepId === b.stepId &&
    a.name === b.name &&
    a.typeName === b.typeName &&
    a.description === b.description &&
    sameProblems(a.nameProblems, b.nameProblems) &&
    sameProblems(a.stepProblems, b.stepProblems),
);
