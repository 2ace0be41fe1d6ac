import { createStore } from "zustand/vanilla";
import { sameEdge, type Edge } from "../model";

export type PreviewTab = "Channels" | "Metrics" | "Definition";

export interface LinkVerdict {
  allowed: boolean;
  message: string;
}

/** While a link is dragged: for every port on the canvas, may the link end there, and if not why. */
export interface LinkDrag {
  /** `${stepId}:${in|out}:${logicalName}` of the port the drag started from. */
  from: string;
  /** Keyed by the port at the other end of the link (the drop target), never by `from`. */
  verdicts: Record<string, LinkVerdict>;
}

/**
 * The verdict on a link the drag would make: looked up by the end that is not where the drag
 * started, so a drag from an input and one from an output get the same verdicts.
 */
export function verdictForEdge(drag: LinkDrag, edge: Edge): LinkVerdict | undefined {
  const input = portKey(edge.to.step, "in", edge.to.input);
  const output = portKey(edge.from.step, "out", edge.from.output);
  if (drag.from === input) return drag.verdicts[output];
  if (drag.from === output) return drag.verdicts[input];
  return undefined;
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
  /** Definition names of the steps in branches their condition did not take ("Not run"). */
  notRun?: string[];
}

/** View state, kept apart from the document: never undone, never saved in the design. */
export interface UiState {
  selectedStepIds: string[];
  /** Selected links (a step selection and a link selection can coexist: Delete removes both). */
  selectedEdges: Edge[];
  /** The step added last, where the next keyboard-added step goes when none is selected. */
  lastAddedStepId: string | null;
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
  selectEdges: (edges: Edge[]) => void;
  setLastAdded: (id: string | null) => void;
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
    selectedEdges: [],
    selectEdges: (edges) =>
      set((state) =>
        state.selectedEdges.length === edges.length &&
        state.selectedEdges.every((edge, index) => sameEdge(edge, edges[index]!))
          ? state
          : { selectedEdges: edges },
      ),
    lastAddedStepId: null,
    setLastAdded: (lastAddedStepId) => set({ lastAddedStepId }),
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
