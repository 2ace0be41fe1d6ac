import { createContext, useContext, useMemo } from "react";
import { useStore } from "zustand";
import { compile, type CompileResult } from "../compiler";
import type { Design, Diagnostic } from "../model";
import type { DesignState, DesignStore } from "../store/designStore";
import type { UiState, UiStore } from "../store/uiStore";
import { useScriptDiagnostics, withScriptDiagnostics } from "./checks";
import type { DesignerSession } from "./session";

export interface DesignerStores {
  design: DesignStore;
  ui: UiStore;
  session: DesignerSession;
}

export const DesignerContext = createContext<DesignerStores | null>(null);

function useStores(): DesignerStores {
  const stores = useContext(DesignerContext);
  if (!stores) throw new Error("designer hooks need a DesignerContext provider");
  return stores;
}

/** Subscribes to the smallest slice of the document store a component needs. */
export function useDesign<T>(selector: (state: DesignState) => T): T {
  return useStore(useStores().design, selector);
}

/** Subscribes to a slice of the view state (selection, preview tab, announcements). */
export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(useStores().ui, selector);
}

/** The stores themselves, for event handlers that read state at call time. */
export function useDesignerStores(): DesignerStores {
  return useStores();
}

const selectDesign = (state: DesignState) => state.design;

export interface Compiled {
  result: CompileResult;
  diagnostics: Diagnostic[];
}

// One compile per document version, shared by every component that asks for it.
const compiledCache = new WeakMap<Design, Compiled>();

export function compiledFor(design: Design): Compiled {
  let compiled = compiledCache.get(design);
  if (!compiled) {
    const result = compile(design);
    compiled = {
      result,
      diagnostics: result.ok ? result.warnings : [...result.errors, ...result.warnings],
    };
    compiledCache.set(design, compiled);
  }
  return compiled;
}

/**
 * The compile result of the current document (memoised per document version), its diagnostics
 * followed by the latest script-check findings (checked in a worker, src/ui/checks).
 */
export function useCompiled(): Compiled {
  const design = useDesign(selectDesign);
  const scripts = useScriptDiagnostics(design);
  return useMemo(() => withScriptDiagnostics(compiledFor(design), scripts), [design, scripts]);
}
