import { compile } from "../compiler";
import type { DesignStore } from "../store/designStore";

declare global {
  interface Window {
    __designer?: {
      getDesign: () => unknown;
      loadDesign: (design: unknown) => unknown;
      compile: () => unknown;
    };
  }
}

/** `window.__designer` for e2e tests to seed and read the model (only in VITE_TEST_HOOKS=1 builds). */
export function installTestHooks(store: DesignStore): void {
  window.__designer = {
    getDesign: () => store.getState().design,
    loadDesign: (design) => store.getState().openDesign(design),
    compile: () => {
      const result = compile(store.getState().design);
      return result.ok
        ? {
            ok: true,
            definition: result.definition,
            uploads: result.uploads.map(({ uri, kind }) => ({ uri, kind })),
          }
        : result;
    },
  };
}
