import type { Diagnostic } from "../../model";
import type { DesignState } from "../../store/designStore";
import { useDesign, useDesignerStores } from "../designerContext";
import { metricChoices, formatMessage, messageToStore, parseMessage } from "./designRefs";
import { describedBy, FieldShell, useCommitDraft, useFieldIds } from "./FieldShell";
import { hasError, messagesOf } from "./fieldProblems";
import { sameValue } from "./fieldValues";
import type { FormField } from "./schemaFields";

export interface MessageFieldProps {
  stepId: string;
  field: FormField;
  stored: unknown;
  problems: readonly Diagnostic[];
}

const selectDesign = (state: DesignState) => state.design;

/**
 * A fail message as template text: `{Threshold}` inserts a pipeline parameter, `{Evaluate.auc}` a
 * metric of an evaluation step (`{Train.TrainingJobStatus}` a step property). Parsed into parts on
 * commit (Enter or leaving the field, one undo step); an unknown name is refused at its column.
 */
export function MessageField({ stepId, field, stored, problems }: MessageFieldProps) {
  const stores = useDesignerStores();
  const design = useDesign(selectDesign);
  const ids = useFieldIds();
  const text = formatMessage(stored, design);
  const draft = useCommitDraft(text, (typed) => {
    const parsed = parseMessage(typed, design);
    if (!parsed.ok) return parsed.message;
    const next = messageToStore(parsed.parts);
    if (!sameValue(next ?? [], stored ?? []))
      stores.design.getState().setStepConfigValue(stepId, [field.key], next);
    return null;
  });
  const messages = messagesOf(problems, draft.problem);
  const invalid = hasError(problems, draft.problem);
  const names = [
    ...design.pipeline.parameters.map((parameter) => `{${parameter.name}}`),
    ...metricChoices(design).map((choice) => `{${choice.label}}`),
  ];
  const namesId = `${ids.id}-names`;
  return (
    <FieldShell
      ids={ids}
      label={field.meta.label}
      help={field.meta.help}
      messages={messages}
      invalid={invalid}
    >
      <input
        id={ids.id}
        type="text"
        className="insp-mono"
        spellCheck={false}
        placeholder="e.g. AUC {Evaluate.auc} is below the threshold"
        aria-invalid={invalid || undefined}
        aria-describedby={[describedBy(ids, messages, field.meta.help), namesId]
          .filter(Boolean)
          .join(" ")}
        {...draft.inputProps}
      />
      <p id={namesId} className="insp-muted">
        {names.length > 0
          ? `Names you can insert: ${names.join(", ")}`
          : "No parameters or evaluation metrics to insert yet."}
      </p>
    </FieldShell>
  );
}
