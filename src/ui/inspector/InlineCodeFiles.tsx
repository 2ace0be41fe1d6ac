import { useCallback, useMemo, useRef, useState, type DragEvent } from "react";
import { pickedFromDrop, pickedFromFileList, type PickedFile } from "../../io";
import type { Step } from "../../model";
import { entryPointOf, inlineFilesOf } from "../../store/codeFiles";
import type { DesignState } from "../../store/designStore";
import { useCompiled, useDesign, useDesignerStores } from "../designerContext";
import { CodeEditor, type CodeEditorController } from "./CodeEditor";
import { CodeNameForm, CodeProblemList, ConfirmDialog } from "./CodeParts";
import { importCodeFolder } from "./codeImport";
import { fileProblems, isFileDiagnostic, problemsInFile } from "./codeProblems";
import { describedBy, FieldMessages, useFieldIds } from "./FieldShell";
import { hasError, messagesOf } from "./fieldProblems";
import { codeFiles, formatBytes } from "./fieldValues";
import type { SimpleFieldProps } from "./SimpleFields";

type Status = { text: string; error: boolean } | null;
type Confirm = { kind: "delete"; name: string } | { kind: "s3" } | null;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

/**
 * A step's inline files: the list (entry point marked), Add / Rename / Delete, Import folder
 * (picker or drop), and the open file in the code editor with its problems underlined and listed.
 * Every command is one undo step; a refused one says why and changes nothing.
 */
export function InlineCodeFiles({ stepId, field, stored, problems }: SimpleFieldProps) {
  const stores = useDesignerStores();
  const ids = useFieldIds();
  const selectStep = useCallback(
    (state: DesignState): Step | undefined => state.design.steps.find((step) => step.id === stepId),
    [stepId],
  );
  const step = useDesign(selectStep);
  const { diagnostics } = useCompiled();
  const files = (stored as { files: Record<string, string> }).files;
  const listed = useMemo(() => codeFiles(stored), [stored]);
  const names = useMemo(() => listed.map((file) => file.name), [listed]);
  const sizes = useMemo(() => new Map(listed.map((file) => [file.name, file.bytes])), [listed]);
  const total = [...sizes.values()].reduce((sum, bytes) => sum + bytes, 0);
  const entryPoint = step ? entryPointOf(step) : undefined;
  const [selected, setSelected] = useState<string | null>(null);
  const open =
    selected !== null && Object.hasOwn(files, selected)
      ? selected
      : entryPoint !== undefined && Object.hasOwn(files, entryPoint)
        ? entryPoint
        : (names[0] ?? null);
  const [form, setForm] = useState<"add" | "rename" | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [dropping, setDropping] = useState(false);
  const editor = useRef<CodeEditorController>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const located = useMemo(() => fileProblems(diagnostics, stepId), [diagnostics, stepId]);
  const openProblems = useMemo(() => problemsInFile(located, open), [located, open]);
  const own = problems.filter((diagnostic) => !isFileDiagnostic(diagnostic));
  const messages = messagesOf(own);
  const invalid = hasError(own);

  const say = (text: string, error = false) => setStatus({ text, error });
  const commands = () => stores.design.getState();
  const onCommit = useCallback(
    (name: string, text: string) => stores.design.getState().setCodeFile(stepId, name, text),
    [stores, stepId],
  );
  const onRefused = useCallback((text: string) => setStatus({ text, error: true }), []);

  const submitName = (name: string): string | null => {
    editor.current?.flush();
    if (form === "add") {
      const result = commands().addCodeFile(stepId, name);
      if (!result.ok) return result.message;
      setSelected(name);
      say(`Added ${name}.`);
    } else if (form === "rename" && open !== null) {
      const result = commands().renameCodeFile(stepId, open, name);
      if (!result.ok) return result.message;
      editor.current?.renamed(open, name);
      setSelected(name);
      say(
        `Renamed ${open} to ${name}${open === entryPoint ? "; the entry point follows it" : ""}.`,
      );
    }
    setForm(null);
    return null;
  };

  const confirmed = () => {
    if (confirm?.kind === "delete") {
      const result = commands().deleteCodeFile(stepId, confirm.name);
      if (result.ok) {
        editor.current?.forget(confirm.name);
        setSelected(null);
        say(`Deleted ${confirm.name}. Undo restores it.`);
      } else say(`Could not delete ${confirm.name}: ${result.message}.`, true);
    } else if (confirm?.kind === "s3") {
      commands().setStepConfigValue(stepId, [field.key], undefined);
      stores.ui
        .getState()
        .announce("Inline files removed; enter the code's S3 URI. Undo restores them.");
    }
    setConfirm(null);
  };

  const importPicked = async (picking: Promise<PickedFile[]>) => {
    editor.current?.flush();
    setForm(null);
    say("Reading the files…");
    const outcome = await importCodeFolder(picking, {
      files: () => {
        const current = selectStep(stores.design.getState());
        return (current && inlineFilesOf(current)) ?? {};
      },
      apply: (files) => commands().importCodeFiles(stepId, files),
    });
    setStatus(outcome);
  };

  const dragHasFiles = (event: DragEvent) => event.dataTransfer.types.includes("Files");
  return (
    <fieldset
      className={`insp-field insp-code${invalid ? " insp-field--invalid" : ""}${
        dropping ? " insp-code--dropping" : ""
      }`}
      aria-describedby={describedBy(ids, messages, field.meta.help)}
      onDragOver={(event) => {
        if (!dragHasFiles(event)) return;
        event.preventDefault();
        event.stopPropagation();
        event.dataTransfer.dropEffect = "copy";
        setDropping(true);
      }}
      onDragLeave={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropping(false);
      }}
      onDrop={(event) => {
        if (!dragHasFiles(event)) return;
        // Ours, not the app's design-file drop.
        event.preventDefault();
        event.stopPropagation();
        setDropping(false);
        void importPicked(pickedFromDrop(event.dataTransfer));
      }}
    >
      <legend>
        {field.meta.label}
        {field.required && (
          <span className="insp-field__required" title="required" aria-hidden="true">
            *
          </span>
        )}
      </legend>
      {names.length === 0 ? (
        <p className="insp-muted">No files yet: add one or import a folder.</p>
      ) : null}
      <ul className="insp-code__files" aria-label="Inline code files">
        {names.map((name) => {
          const count = problemsInFile(located, name).length;
          return (
            <li key={name} className={name === open ? "is-open" : undefined}>
              <button
                type="button"
                className="insp-code__file"
                aria-current={name === open ? "true" : undefined}
                onClick={() => setSelected(name)}
                onKeyDown={(event) => {
                  // Delete on a file asks to delete the file, not the step (the canvas shortcut).
                  if (event.key !== "Delete") return;
                  event.preventDefault();
                  event.stopPropagation();
                  setSelected(name);
                  setConfirm({ kind: "delete", name });
                }}
              >
                {name}
              </button>
              {name === entryPoint ? <span className="insp-code__tag">entry point</span> : null}
              {count > 0 ? (
                <span className="insp-code__count">{plural(count, "problem")}</span>
              ) : null}
              <span className="insp-muted">{formatBytes(sizes.get(name) ?? 0)}</span>
            </li>
          );
        })}
      </ul>
      <p className="insp-muted">
        {plural(names.length, "file")}, {formatBytes(total)} of 1 MB; packed into sourcedir.tar.gz
        at submission. Drop a folder here to import it.
      </p>
      <div className="insp-actions insp-code__actions">
        <button type="button" className="insp-add" onClick={() => setForm("add")}>
          Add file
        </button>
        <button
          type="button"
          className="insp-add"
          disabled={open === null}
          onClick={() => setForm("rename")}
        >
          Rename file
        </button>
        <button
          type="button"
          className="insp-add"
          disabled={open === null}
          onClick={() => {
            editor.current?.flush();
            if (open !== null) setConfirm({ kind: "delete", name: open });
          }}
        >
          Delete file
        </button>
        <button type="button" className="insp-add" onClick={() => folderInput.current?.click()}>
          Import folder
        </button>
      </div>
      <input
        ref={(input) => {
          if (input) input.webkitdirectory = true;
          folderInput.current = input;
        }}
        type="file"
        multiple
        tabIndex={-1}
        className="insp-sr-only"
        aria-label="Folder to import"
        onChange={(event) => {
          const picked = pickedFromFileList(event.target.files ?? []);
          event.target.value = "";
          void importPicked(Promise.resolve(picked));
        }}
      />
      {form !== null && (
        <CodeNameForm
          key={`${form}:${open ?? ""}`}
          title={form === "add" ? "Add file" : "Rename file"}
          label={form === "add" ? "File name" : "New file name"}
          submitLabel={form === "add" ? "Add" : "Rename"}
          initial={form === "add" ? "" : (open ?? "")}
          onSubmit={submitName}
          onCancel={() => setForm(null)}
        />
      )}
      <p role="status" className={`insp-code__status${status?.error ? " insp-field__error" : ""}`}>
        {status?.text}
      </p>
      {open !== null ? (
        <>
          <CodeEditor
            ref={editor}
            fileName={open}
            text={files[open] ?? ""}
            otherBytes={total - (sizes.get(open) ?? 0)}
            problems={openProblems}
            onCommit={onCommit}
            onRefused={onRefused}
          />
          <p className="insp-field__help">
            Saved after a pause or when you leave the editor; Undo then reverts the burst. Tab
            indents: press Escape, then Tab, to move on.
          </p>
          <CodeProblemList
            fileName={open}
            problems={openProblems}
            onGoTo={(line, column) => editor.current?.goTo(line, column)}
          />
        </>
      ) : null}
      <FieldMessages ids={ids} messages={messages} invalid={invalid} help={field.meta.help} />
      <button
        type="button"
        className="insp-link-button"
        onClick={() => {
          editor.current?.flush();
          setConfirm({ kind: "s3" });
        }}
      >
        Use an S3 URI instead
      </button>
      <ConfirmDialog
        title={confirm?.kind === "s3" ? "Use an S3 URI" : "Delete file"}
        question={
          confirm === null
            ? null
            : confirm.kind === "s3"
              ? `Remove the ${plural(names.length, "inline file")} and enter an S3 URI instead?`
              : `Delete ${confirm.name}?${
                  confirm.name === entryPoint ? " It is the step's entry point." : ""
                }`
        }
        confirmLabel={confirm?.kind === "s3" ? "Remove inline files" : "Delete"}
        onConfirm={confirmed}
        onClose={() => setConfirm(null)}
      />
    </fieldset>
  );
}
