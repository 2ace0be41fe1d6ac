import { useId, useState, type KeyboardEvent, type ReactNode } from "react";

/** Ids of a field's control, error text and help text, for `htmlFor` and `aria-describedby`. */
export interface FieldIds {
  id: string;
  errorId: string;
  helpId: string;
}

export function useFieldIds(): FieldIds {
  const id = useId();
  return { id, errorId: `${id}-error`, helpId: `${id}-help` };
}

/** The `aria-describedby` of a control: its error text (when shown) and its help text. */
export function describedBy(
  ids: FieldIds,
  messages: readonly string[],
  help: string | undefined,
): string | undefined {
  return (
    [messages.length > 0 ? ids.errorId : "", help ? ids.helpId : ""]
      .filter(Boolean)
      .join(" ")
      .trim() || undefined
  );
}

export interface FieldShellProps {
  ids: FieldIds;
  label: string;
  required?: boolean;
  help?: string;
  /** Messages shown under the control (local parse problem and diagnostics). */
  messages: readonly string[];
  invalid: boolean;
  /** Small controls beside the label (the parameter binding toggle). */
  actions?: ReactNode;
  children: ReactNode;
}

/** Label (with required mark), the control, then error and help text, wired by id. */
export function FieldShell({
  ids,
  label,
  required,
  help,
  messages,
  invalid,
  actions,
  children,
}: FieldShellProps) {
  return (
    <div className={`insp-field${invalid ? " insp-field--invalid" : ""}`}>
      <div className="insp-field__head">
        <label htmlFor={ids.id}>{label}</label>
        {required && (
          <span className="insp-field__required" title="required" aria-hidden="true">
            *
          </span>
        )}
        {actions && <span className="insp-field__actions">{actions}</span>}
      </div>
      {children}
      <FieldMessages ids={ids} messages={messages} invalid={invalid} help={help} />
    </div>
  );
}

/** Error and help paragraphs, with the ids `describedBy` refers to. */
export function FieldMessages({
  ids,
  messages,
  invalid,
  help,
}: {
  ids: FieldIds;
  messages: readonly string[];
  invalid: boolean;
  help?: string | undefined;
}) {
  return (
    <>
      {messages.length > 0 && (
        <p id={ids.errorId} className={invalid ? "insp-field__error" : "insp-field__warning"}>
          {messages.join(" · ")}
        </p>
      )}
      {help && (
        <p id={ids.helpId} className="insp-field__help">
          {help}
        </p>
      )}
    </>
  );
}

export interface CommitDraft {
  draft: string;
  /** Why the last commit was refused (kept with the typed text until the next edit). */
  problem: string | null;
  inputProps: {
    value: string;
    onChange: (event: { target: { value: string } }) => void;
    onBlur: () => void;
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  };
  commit: () => void;
  revert: () => void;
}

/**
 * The draft text of a control that commits once, on blur or Enter (one undo step). `commit`
 * returns a message when the text is refused: the text stays as typed and the message shows.
 * When the stored value changes (undo, another view), the draft follows it. Escape reverts.
 */
export function useCommitDraft(
  value: string,
  onCommit: (text: string) => string | null,
): CommitDraft {
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
    setProblem(null);
  }
  const commit = () => {
    if (draft === value) {
      setProblem(null);
      return;
    }
    const refused = onCommit(draft);
    setProblem(refused);
    // Accepted: show the stored value's text (a changed value replaces it again on the next render).
    if (refused === null) setDraft(value);
  };
  const revert = () => {
    setDraft(value);
    setProblem(null);
  };
  return {
    draft,
    problem,
    commit,
    revert,
    inputProps: {
      value: draft,
      onChange: (event) => setDraft(event.target.value),
      onBlur: commit,
      onKeyDown: (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
          commit();
        } else if (event.key === "Escape") revert();
      },
    },
  };
}
