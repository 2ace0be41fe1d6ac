import { createStore } from "zustand/vanilla";

export type PreviewTab = "Channels" | "Metrics" | "Definition";

/** While a link is dragged: for every port on the canvas, may the link end there, and if not why. */
export interface LinkDrag {
  /** `${stepId}:${in|out}:${logicalName}` of the port the drag started from. */
  from: string;
  verdicts: Record<string, { allowed: boolean; message: string }>;
}

/** A refused link, explained next to the pointer until the next action. */
export interface Refusal {
  message: string;
  x: number;
  y: number;
}

export const portKey = (stepId: string, direction: "in" | "out", logicalName: string) =>
  `${stepId}:${direction}:${logicalName}`;

/** The execution shown on the canvas: each step's status comes from here. */
export interface RunView {
  executionArn: string;
  status: string;
  steps: { name: string; status: string; failureReason?: string; jobArn?: string }[];
}

/** View state, kept apart from the document: never undone, never saved in the design. */
export interface UiState {
  selectedStepIds: string[];
  previewTab: PreviewTab;
  /** The latest sentence for the live region (refused link, auto-connect result, …). */
  announcement: string;
  linkDrag: LinkDrag | null;
  refusal: Refusal | null;
  /** Autosave state for the toolbar, e.g. "Saved 12:03" or "Autosave failed: …". */
  saveStatus: string;
  /** A warning that needs the user's eyes (another tab, unavailable storage); null when none. */
  warning: string | null;
  /** Lines explaining why an imported file was refused; null when no import failed. */
  importProblems: string[] | null;
  /** What an imported pipeline definition could not carry into the design (the design is open). */
  importNotes: string[] | null;
  /** The run whose step statuses colour the canvas; null when none is selected. */
  run: RunView | null;
  select: (ids: string[]) => void;
  setPreviewTab: (tab: PreviewTab) => void;
  announce: (message: string) => void;
  setLinkDrag: (drag: LinkDrag | null) => void;
  setRefusal: (refusal: Refusal | null) => void;
  setSaveStatus: (status: string) => void;
  setWarning: (warning: string | null) => void;
  setImportProblems: (problems: string[] | null) => void;
  setImportNotes: (notes: string[] | null) => void;
  setRun: (run: RunView | null) => void;
}

export type UiStore = ReturnType<typeof createUiStore>;

export function createUiStore() {
  return createStore<UiState>()((set) => ({
    selectedStepIds: [],
    previewTab: "Definition",
    announcement: "",
    select: (ids) =>
      set((state) => (sameIds(state.selectedStepIds, ids) ? state : { selectedStepIds: ids })),
    setPreviewTab: (previewTab) => set({ previewTab }),
    announce: (announcement) => set({ announcement }),
    linkDrag: null,
    refusal: null,
    setLinkDrag: (linkDrag) => set({ linkDrag }),
    setRefusal: (refusal) => set({ refusal }),
    saveStatus: "",
    warning: null,
    importProblems: null,
    importNotes: null,
    setSaveStatus: (saveStatus) => set({ saveStatus }),
    setWarning: (warning) => set({ warning }),
    setImportProblems: (importProblems) => set({ importProblems }),
    setImportNotes: (importNotes) => set({ importNotes }),
    run: null,
    setRun: (run) => set({ run }),
  }));
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, index) => id === b[index]);
}
