import type { Diagnostic } from "../../model";
import { useDesignerStores } from "../designerContext";
import { describedBy, FieldShell, useCommitDraft, useFieldIds } from "./FieldShell";
import { hasError, messagesOf } from "./fieldProblems";
import { formatList, parseList, sameValue } from "./fieldValues";
import type { FormField } from "./schemaFields";

export interface SimpleFieldProps {
  stepId: string;
  field: FormField;
  stored: unknown;
  problems: readonly Diagnostic[];
}

/** A list of strings (dependsOn) as comma-separated text; empty clears it. */
export function StringListField({ stepId, field, stored, problems }: SimpleFieldProps) {
  const stores = useDesignerStores();
  const ids = useFieldIds();
  const draft = useCommitDraft(formatList(stored), (text) => {
    const items = parseList(text);
    if (!sameValue(items ?? [], stored ?? []))
      stores.design.getState().setStepConfigValue(stepId, [field.key], items);
    return null;
  });
  const messages = messagesOf(problems);
  const invalid = hasError(problems);
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
        placeholder="comma-separated"
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy(ids, messages, field.meta.help)}
        {...draft.inputProps}
      />
    </FieldShell>
  );
}
