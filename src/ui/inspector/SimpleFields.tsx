import type { Diagnostic } from "../../model";
import { useDesignerStores } from "../designerContext";
import { describedBy, FieldMessages, FieldShell, useCommitDraft, useFieldIds } from "./FieldShell";
import { hasError, messagesOf } from "./fieldProblems";
import { codeFiles, formatBytes, formatList, parseList, sameValue } from "./fieldValues";
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

/**
 * The step's code, read-only for inline files (names and sizes; the editor comes later). For an
 * S3 archive, or when there is no code yet, a "Code S3 URI" field sets `{ s3Uri }`.
 */
export function CodeField({ stepId, field, stored, problems }: SimpleFieldProps) {
  const stores = useDesignerStores();
  const ids = useFieldIds();
  const uriIds = useFieldIds();
  const files = codeFiles(stored);
  const inline = Boolean(stored && typeof stored === "object" && "files" in stored);
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
  const messages = messagesOf(problems);
  const invalid = hasError(problems);
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  return (
    <fieldset
      className={`insp-field insp-code${invalid ? " insp-field--invalid" : ""}`}
      aria-describedby={inline ? describedBy(ids, messages, field.meta.help) : undefined}
    >
      <legend>
        {field.meta.label}
        {field.required && (
          <span className="insp-field__required" title="required" aria-hidden="true">
            *
          </span>
        )}
      </legend>
      {inline ? (
        <>
          <ul className="insp-files" aria-label="Inline code files">
            {files.map((file) => (
              <li key={file.name}>
                <code>{file.name}</code>
                <span className="insp-muted">{formatBytes(file.bytes)}</span>
              </li>
            ))}
          </ul>
          <p className="insp-muted">
            {files.length} file{files.length === 1 ? "" : "s"}, {formatBytes(total)} in all; packed
            into sourcedir.tar.gz at submission.
          </p>
          <FieldMessages ids={ids} messages={messages} invalid={invalid} help={field.meta.help} />
        </>
      ) : (
        <FieldShell
          ids={uriIds}
          label="Code S3 URI"
          required={field.required}
          help={field.meta.help}
          messages={messages}
          invalid={invalid}
        >
          <input
            id={uriIds.id}
            type="text"
            placeholder="s3://bucket/path/sourcedir.tar.gz"
            aria-required={field.required || undefined}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy(uriIds, messages, field.meta.help)}
            {...draft.inputProps}
          />
        </FieldShell>
      )}
    </fieldset>
  );
}
