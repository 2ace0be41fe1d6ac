import type { UiState } from "../../store/uiStore";
import { useDesignerStores, useUi } from "../designerContext";
import { Dialog } from "./Dialog";

const selectProblems = (state: UiState) => state.importProblems;

/** Why a file was refused, located by JSON path; the open design is untouched. */
export function ImportProblemsDialog() {
  const problems = useUi(selectProblems);
  const stores = useDesignerStores();
  const close = () => stores.ui.getState().setImportProblems(null);
  return (
    <Dialog title="Import refused" open={problems !== null} onClose={close}>
      <p>The file was not opened; your current design is unchanged.</p>
      <ul className="import-problems">
        {(problems ?? []).map((line, index) => (
          <li key={index}>
            <code>{line}</code>
          </li>
        ))}
      </ul>
      <div className="dialog__actions">
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
