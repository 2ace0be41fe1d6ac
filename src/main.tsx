import "@xyflow/react/dist/style.css";
import "./ui/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { loadDesign } from "./model";
import { createDesignStore } from "./store/designStore";
import { createUiStore } from "./store/uiStore";
import { EXAMPLES } from "./store/examples";
import { App } from "./ui/App";
import { DesignerContext } from "./ui/designerContext";
import { installTestHooks } from "./ui/testHooks";

const opened = loadDesign(Object.values(EXAMPLES)[0]);
if (opened.kind !== "ok")
  throw new Error(`the bundled example does not load: ${JSON.stringify(opened)}`);
const store = createDesignStore(opened.design);
const stores = { design: store, ui: createUiStore() };
if (import.meta.env.VITE_TEST_HOOKS === "1") installTestHooks(store);

createRoot(document.getElementById("root") as HTMLElement).render(
  <StrictMode>
    <DesignerContext.Provider value={stores}>
      <App />
    </DesignerContext.Provider>
  </StrictMode>,
);
