import { useEffect, useId, useState, type ReactNode } from "react";

/** Label, control, help and error text wired together: aria-invalid and aria-describedby on the control. */
export function FieldFrame({
  label,
  required,
  help,
  error,
  children,
  actions,
}: {
  label: string;
  required?: boolean;
  help?: string;
  error?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
  actions?: ReactNode;
}) {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy =
    [error ? errorId : null, help ? helpId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field--invalid" : ""}`}>
      <div className="field__label-row">
        <span>
          <label htmlFor={id}>{label}</label>
          {required && (
            <span className="field__required" title="required" aria-hidden="true">
              {" "}
              *
            </span>
          )}
        </span>
        {actions}
      </div>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      {help && (
        <p id={helpId} className="field__help">
          {help}
        </p>
      )}
    </div>
  );
}

/**
 * A text box that commits once, on blur or Enter (one undo step), and keeps what the user typed
 * while it is being edited. Escape puts the stored value back.
 */
export function CommitInput({
  id,
  value,
  placeholder,
  describedBy,
  invalid,
  required,
  type = "text",
  ariaLabel,
  onCommit,
}: {
  id: string;
  /** For controls without a visible `<label>` (table cells). */
  ariaLabel?: string;
  value: string;
  placeholder?: string;
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  type?: "text" | "number";
  onCommit: (text: string) => string | null;
}) {
  const [draft, setDraft] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    setDraft(value);
    setProblem(null);
  }, [value]);
  const commit = () => {
    if (draft === value) return;
    setProblem(onCommit(draft));
  };
  const problemId = `${id}-problem`;
  return (
    <>
      <input
        id={id}
        aria-label={ariaLabel}
        type="text"
        inputMode={type === "number" ? "decimal" : undefined}
        value={draft}
        placeholder={placeholder}
        aria-invalid={invalid || problem ? true : undefined}
        aria-required={required || undefined}
        aria-describedby={
          [problem ? problemId : null, describedBy].filter(Boolean).join(" ") || undefined
        }
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === "Enter") commit();
          if (event.key === "Escape") setDraft(value);
        }}
      />
      {problem && (
        <p id={problemId} className="field__error">
          {problem}
        </p>
      )}
    </>
  );
}
