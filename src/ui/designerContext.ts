import { createContext, useContext, useSyncExternalStore } from "react";
import { useStore } from "zustand";
import type { CompileResult } from "../compiler";
import type { Diagnosis } from "../checks";
import type { Diagnostic } from "../model";
import type { BaselineState } from "../store/baseline";
import type { Designer } from "../store/designer";
import type { DesignState } from "../store/designStore";
import type { UiState } from "../store/uiStore";

/** The designer core the views bind to (src/store/designer.ts). */
export type DesignerStores = Designer;

export const DesignerContext = createContext<Designer | null>(null);

function useDesigner(): Designer {
  const designer = useContext(DesignerContext);
  if (!designer) throw new Error("designer hooks need a DesignerContext provider");
  return designer;
}

/** Subscribes to the smallest slice of the document store a component needs. */
export function useDesign<T>(selector: (state: DesignState) => T): T {
  return useStore(useDesigner().design, selector);
}

/** Subscribes to a slice of the view state (selection, preview tab, announcements). */
export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(useDesigner().ui, selector);
}

export function useBaseline<T>(selector: (state: BaselineState) => T): T {
  return useStore(useDesigner().baseline, selector);
}

/** The designer itself, for event handlers that read state at call time. */
export function useDesignerStores(): Designer {
  return useDesigner();
}

/** The one list of problems of the open document, as the Problems panel, badges and fields show it. */
export function useDiagnosis(): Diagnosis {
  const { diagnostics } = useDesigner();
  return useSyncExternalStore(diagnostics.subscribe, diagnostics.current);
}

export interface Compiled {
  result: CompileResult;
  diagnostics: readonly Diagnostic[];
}

/** The compile result of the current document and every diagnostic of it (`useDiagnosis`). */
export function useCompiled(): Compiled {
  const diagnosis = useDiagnosis();
  return { result: diagnosis.compiled, diagnostics: diagnosis.diagnostics };
}
