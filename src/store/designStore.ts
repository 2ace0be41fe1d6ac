import { createStore } from "zustand/vanilla";
import { loadDesign, type Design, type LoadResult } from "../model";

export interface DesignState {
  /** The document being edited; everything on screen is derived from it and the catalog. */
  design: Design;
  /** Replaces the document with a loaded file; refused files leave the current document as it is. */
  openDesign: (value: unknown) => LoadResult;
  moveStep: (id: string, position: { x: number; y: number }) => void;
}

export type DesignStore = ReturnType<typeof createDesignStore>;

export function createDesignStore(initial: Design) {
  return createStore<DesignState>()((set) => ({
    design: initial,
    openDesign: (value) => {
      const result = loadDesign(value);
      if (result.kind === "ok") set({ design: result.design });
      return result;
    },
    moveStep: (id, position) =>
      set((state) => ({
        design: {
          ...state.design,
          steps: state.design.steps.map((step) => (step.id === id ? { ...step, position } : step)),
        },
      })),
  }));
}
