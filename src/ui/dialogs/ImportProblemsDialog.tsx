import type { ReactNode } from "react";
import type { UiState } from "../../store/uiStore";
import { useDesignerStores, useUi } from "../designerContext";
import { Dialog } from "./Dialog";

const selectProblems = (state: UiState) => state.importProblems;
const selectNotes = (state: UiState) => state.importNotes;

/** A dialog listing located lines about an opened file, open while there are lines. */
function LinesDialog(props: {
  title: string;
  intro: ReactNode;
  label: string;
  lines: readonly string[] | null;
  onClose: () => void;
}) {
  return (
    <Dialog title={props.title} open={props.lines !== null} onClose={props.onClose}>
      <p>{props.intro}</p>
      <ul className="import-problems" aria-label={props.label}>
        {(props.lines ?? []).map((line, index) => (
          <li key={index}>
            <code>{line}</code>
          </li>
        ))}
      </ul>
      <div className="dialog__actions">
        <button type="button" onClick={props.onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}

/** Why a file was refused, located by JSON path; the open design is untouched. */
export function ImportProblemsDialog() {
  const stores = useDesignerStores();
  return (
    <LinesDialog
      title="Import refused"
      intro="The file was not opened; your current design is unchanged."
      label="Problems"
      lines={useUi(selectProblems)}
      onClose={() => stores.ui.getState().setImportProblems(null)}
    />
  );
}

/** An imported pipeline definition is open; these are what the design could not carry over. */
export function ImportNotesDialog() {
  const stores = useDesignerStores();
  return (
    <LinesDialog
      title="Imported with notes"
      intro="The pipeline definition is open as a new design. It compiles back to the definition except where these notes say:"
      label="Import notes"
      lines={useUi(selectNotes)}
      onClose={() => stores.ui.getState().setImportNotes(null)}
    />
  );
}
