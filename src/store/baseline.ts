import { createStore } from "zustand/vanilla";

/** The definition the Diff view compares against, e.g. "when opened", "last export", "submitted 12:03". */
export interface DefinitionBaseline {
  json: string;
  label: string;
}

export interface BaselineState {
  baseline: DefinitionBaseline | null;
  /** Export and submit set it; the same json and label keep the same object. */
  set: (json: string, label: string) => void;
  /** The default ("when opened"): set only while there is none for this document. */
  ensure: (json: string, label?: string) => void;
  /** A document was opened or imported: the previous document's baseline no longer applies. */
  clear: () => void;
}

export type BaselineStore = ReturnType<typeof createBaselineStore>;

/** One baseline per open document; the designer clears it whenever another document opens. */
export function createBaselineStore() {
  return createStore<BaselineState>()((setState, get) => ({
    baseline: null,
    set: (json, label) => {
      const current = get().baseline;
      if (current?.json === json && current.label === label) return;
      setState({ baseline: { json, label } });
    },
    ensure: (json, label = "when opened") => {
      if (!get().baseline) get().set(json, label);
    },
    clear: () => {
      if (get().baseline) setState({ baseline: null });
    },
  }));
}
