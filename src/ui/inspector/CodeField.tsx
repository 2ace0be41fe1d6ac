import "./code.css";
import { useDesignerStores } from "../designerContext";
import { describedBy, FieldShell, useCommitDraft, useFieldIds } from "./FieldShell";
import { hasError, messagesOf } from "./fieldProblems";
import { InlineCodeFiles } from "./InlineCodeFiles";
import type { SimpleFieldProps } from "./SimpleFields";

/**
 * The step's code: inline files in an editor (InlineCodeFiles), or for an S3 archive (or no code
 * yet) a "Code S3 URI" field that sets `{ s3Uri }`, with a switch to inline files.
 */
export function CodeField(props: SimpleFieldProps) {
  const { stored } = props;
  const inline = Boolean(stored && typeof stored === "object" && "files" in stored);
  return inline ? <InlineCodeFiles {...props} /> : <S3CodeField {...props} />;
}

function S3CodeField({ stepId, field, stored, problems }: SimpleFieldProps) {
  const stores = useDesignerStores();
  const ids = useFieldIds();
  const s3Uri =
    stored && typeof stored === "object" && "s3Uri" in stored
      ? String((stored as { s3Uri: unknown }).s3Uri)
      : "";
  const draft = useCommitDraft(s3Uri, (text) => {
    const uri = text.trim();
    stores.design
      .getState()
      .setStepConfigValue(stepId, [field.key], uri ? { s3Uri: uri } : undefined);
    return null;
  });
  const messages = messagesOf(problems, draft.problem);
  const invalid = hasError(problems, draft.problem);
  return (
    <fieldset className={`insp-field insp-code${invalid ? " insp-field--invalid" : ""}`}>
      <legend>
        {field.meta.label}
        {field.required && (
          <span className="insp-field__required" title="required" aria-hidden="true">
            *
          </span>
        )}
      </legend>
      <FieldShell
        ids={ids}
        label="Code S3 URI"
        required={field.required}
        help={field.meta.help}
        messages={messages}
        invalid={invalid}
      >
        <input
          id={ids.id}
          type="text"
          placeholder="s3://bucket/path/sourcedir.tar.gz"
          aria-required={field.required || undefined}
          aria-invalid={invalid || undefined}
          aria-describedby={describedBy(ids, messages, field.meta.help)}
          {...draft.inputProps}
        />
      </FieldShell>
      <button
        type="button"
        className="insp-add"
        onClick={() => {
          const result = stores.design.getState().switchToInlineCode(stepId);
          stores.ui
            .getState()
            .announce(
              result.ok
                ? "The step's code is now inline files, starting from the starter script."
                : `Could not switch to inline files: ${result.message}.`,
            );
        }}
      >
        Use inline files
      </button>
    </fieldset>
  );
}
