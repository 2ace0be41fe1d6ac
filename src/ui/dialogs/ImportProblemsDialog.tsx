import type { UiState } from "../../store/uiStore";
import { useDesignerStores, useUi } from "../designerContext";
import { Dialog } from "./Dialog";

const selectProblems = (state: UiState) => state.importProblems;
const selectNotes = (state: UiState) => state.importNotes;

function Lines({ lines, label }: { lines: readonly string[]; label: string }) {
  return (
    <ul className="import-problems" aria-label={label}>
      {lines.map((line, index) => (
        <li key={index}>
          <code>{line}</code>
        </li>
      ))}
    </ul>
  );
}

/** Why a file was refused, located by JSON path; the open design is untouched. */
export function ImportProblemsDialog() {
  const problems = useUi(selectProblems);
  const stores = useDesignerStores();
  const close = () => stores.ui.getState().setImportProblems(null);
  return (
    <Dialog title="Import refused" open={problems !== null} onClose={close}>
      <p>The file was not opened; your current design is unchanged.</p>
      <Lines lines={problems ?? []} label="Problems" />
      <div className="dialog__actions">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/** An imported pipeline definition is open; these are what the design could not carry over. */
export function ImportNotesDialog() {
  const notes = useUi(selectNotes);
  const stores = useDesignerStores();
  const close = () => stores.ui.getState().setImportNotes(null);
  return (
    <Dialog title="Imported with notes" open={notes !== null} onClose={close}>
      <p>
        The pipeline definition is open as a new design. It compiles back to the definition except
        where these notes say:
      </p>
      <Lines lines={notes ?? []} label="Import notes" />
      <div className="dialog__actions">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
