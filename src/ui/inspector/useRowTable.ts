import { useState, type FocusEvent, type KeyboardEvent } from "react";
import { useDesignerStores } from "../designerContext";
import { sameValue } from "./fieldValues";
import type { FormField } from "./schemaFields";

/**
 * Editing state of a config list shown as a table of text rows (metric definitions, report
 * metrics): rows are edited locally and the whole list is one commit — on leaving a row, Enter,
 * or removing a row; Escape goes back to the stored list. A stored list changed elsewhere (undo)
 * replaces the rows.
 */
export function useRowTable<Row>(
  stepId: string,
  field: FormField,
  stored: unknown,
  rowsOf: (value: unknown) => Row[],
  toStore: (rows: readonly Row[]) => Row[],
) {
  const stores = useDesignerStores();
  const effective = stored ?? field.defaultValue;
  const [rows, setRows] = useState(() => rowsOf(effective));
  const [seen, setSeen] = useState(effective);
  const [added, setAdded] = useState<number | null>(null);
  if (seen !== effective) {
    setSeen(effective);
    setRows(rowsOf(effective));
  }
  const commit = (next: readonly Row[]) => {
    const list = toStore(next);
    if (sameValue(list, effective)) return;
    stores.design.getState().setStepConfigValue(stepId, [field.key], list);
  };
  const update = (index: number, patch: Partial<Row>) =>
    setRows(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  const onRowBlur = (event: FocusEvent<HTMLTableRowElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) commit(rows);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") commit(rows);
    else if (event.key === "Escape") setRows(rowsOf(effective));
  };
  /** Clears the stored list, so the schema's default applies again. */
  const reset = () => stores.design.getState().setStepConfigValue(stepId, [field.key], undefined);
  return { rows, setRows, added, setAdded, commit, update, onRowBlur, onKeyDown, reset };
}
