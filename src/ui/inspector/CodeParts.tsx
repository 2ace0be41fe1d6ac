import { useState } from "react";
import { Dialog } from "../dialogs/Dialog";
import { problemPlace, type FileProblem } from "./codeProblems";
import { useFieldIds } from "./FieldShell";

/** The name of a new or renamed file; a refused name keeps the text and says why. */
export function CodeNameForm({
  title,
  label,
  submitLabel,
  initial,
  onSubmit,
  onCancel,
}: {
  title: string;
  label: string;
  submitLabel: string;
  initial: string;
  /** Returns why the name is refused, or null when it was accepted. */
  onSubmit: (name: string) => string | null;
  onCancel: () => void;
}) {
  const ids = useFieldIds();
  const [name, setName] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      className="insp-code__form"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        setProblem(onSubmit(name.trim()));
      }}
    >
      <label htmlFor={ids.id}>{label}</label>
      <input
        id={ids.id}
        type="text"
        autoFocus
        spellCheck={false}
        placeholder="e.g. utils/features.py"
        value={name}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? ids.errorId : undefined}
        onChange={(event) => {
          setName(event.target.value);
          setProblem(null);
        }}
        onKeyDown={(event) => {
          if (event.key === "Escape") onCancel();
        }}
      />
      <button type="submit">{submitLabel}</button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {problem ? (
        <p id={ids.errorId} className="insp-field__error">
          {problem}
        </p>
      ) : null}
    </form>
  );
}

/** The open file's problems as a list under the editor; each entry moves the cursor there. */
export function CodeProblemList({
  fileName,
  problems,
  onGoTo,
}: {
  fileName: string;
  problems: readonly FileProblem[];
  onGoTo: (line: number, column?: number) => void;
}) {
  if (problems.length === 0) return null;
  return (
    <ul className="insp-code__problems" aria-label={`Problems in ${fileName}`}>
      {problems.map((problem, index) => (
        <li
          key={index}
          className={
            problem.severity === "error" ? "insp-problem" : "insp-problem insp-problem--warning"
          }
        >
          <button
            type="button"
            className="insp-link-button"
            onClick={() => onGoTo(problem.line ?? 1, problem.column)}
          >
            {problemPlace(problem)}
          </button>
          : {problem.message} <span className="insp-muted">({problem.code})</span>
        </li>
      ))}
    </ul>
  );
}

/** Asks before a destructive code command (delete a file, drop the inline files). */
export function ConfirmDialog({
  title,
  question,
  confirmLabel,
  onConfirm,
  onClose,
}: {
  title: string;
  /** The question; the dialog is open while there is one. */
  question: string | null;
  confirmLabel: string;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog title={title} open={question !== null} onClose={onClose}>
      <p>{question}</p>
      <p className="insp-muted">Undo restores it.</p>
      <div className="dialog__actions">
        <button type="button" onClick={onConfirm}>
          {confirmLabel}
        </button>
        <button type="button" onClick={onClose} autoFocus>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
