import { compile } from "../compiler";
import { loadDesign } from "../model";
import type { DesignerStores } from "./designerContext";

declare global {
  interface Window {
    __designer?: {
      getDesign: () => unknown;
      loadDesign: (design: unknown) => unknown;
      compile: () => unknown;
      flush: () => Promise<void>;
    };
  }
}

/** `window.__designer` for e2e tests to seed and read the model (only in VITE_TEST_HOOKS=1 builds). */
export function installTestHooks(stores: DesignerStores): void {
  window.__designer = {
    getDesign: () => stores.design.getState().design,
    loadDesign: (value) => {
      const result = loadDesign(value);
      if (result.kind === "ok") stores.session.openDocument(result.design);
      return result;
    },
    compile: () => {
      const result = compile(stores.design.getState().design);
      return result.ok
        ? {
            ok: true,
            json: result.json,
            definition: result.definition,
            uploads: result.uploads.map(({ uri, kind }) => ({ uri, kind })),
          }
        : result;
    },
    flush: () => stores.session.flush(),
  };
}
