import { createStore } from "zustand/vanilla";

export type PreviewTab = "Channels" | "Metrics" | "Definition";

/** View state, kept apart from the document: never undone, never saved in the design. */
export interface UiState {
  selectedStepIds: string[];
  previewTab: PreviewTab;
  /** The latest sentence for the live region (refused link, auto-connect result, …). */
  announcement: string;
  select: (ids: string[]) => void;
  setPreviewTab: (tab: PreviewTab) => void;
  announce: (message: string) => void;
}

export type UiStore = ReturnType<typeof createUiStore>;

export function createUiStore() {
  return createStore<UiState>()((set) => ({
    selectedStepIds: [],
    previewTab: "Definition",
    announcement: "",
    select: (ids) => set({ selectedStepIds: ids }),
    setPreviewTab: (previewTab) => set({ previewTab }),
    announce: (announcement) => set({ announcement }),
  }));
}
