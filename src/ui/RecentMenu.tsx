import { useState } from "react";
import { listSaved, type SavedDesign } from "../io";
import { loadDesign } from "../model";
import { useDesignerStores } from "./designerContext";

/**
 * The autosaved designs, newest first; choosing one opens it (its own saved copy continues).
 * `onChosen` runs after a choice (the toolbar's "Open" menu closes).
 */
export function RecentMenu({ onChosen }: { onChosen?: () => void } = {}) {
  const stores = useDesignerStores();
  const [recent, setRecent] = useState<SavedDesign[]>([]);
  const refresh = () =>
    void listSaved()
      .then(setRecent)
      .catch(() => setRecent([]));
  return (
    <label className="toolbar__example">
      Recent
      <select
        value=""
        onFocus={refresh}
        onMouseDown={refresh}
        onChange={(event) => {
          const record = recent.find((candidate) => candidate.documentId === event.target.value);
          if (!record) return;
          onChosen?.();
          const loaded = loadDesign(record.design);
          if (loaded.kind !== "ok") {
            stores.ui
              .getState()
              .setImportProblems([`The saved design "${record.name}" no longer loads.`]);
            return;
          }
          stores.session.openDocument(loaded.design, record.documentId, record.revision);
          stores.ui.getState().announce(`Opened ${record.name}.`);
        }}
      >
        <option value="">
          {recent.length === 0 ? "Recent designs…" : `${recent.length} recent`}
        </option>
        {recent.map((record) => (
          <option key={record.documentId} value={record.documentId}>
            {record.name} · {record.stepCount} steps · {new Date(record.savedAt).toLocaleString()}
          </option>
        ))}
      </select>
    </label>
  );
}
