import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { DesignState, DesignStore } from "../store/designStore";

export const DesignerContext = createContext<DesignStore | null>(null);

/** Subscribes to the smallest slice of the design store a component needs. */
export function useDesign<T>(selector: (state: DesignState) => T): T {
  const store = useContext(DesignerContext);
  if (!store) throw new Error("useDesign needs a DesignerContext provider");
  return useStore(store, selector);
}
