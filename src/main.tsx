import "@xyflow/react/dist/style.css";
import "./ui/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { loadDesign } from "./model";
import { createDesignStore } from "./store/designStore";
import { EXAMPLES } from "./store/examples";
import { createUiStore } from "./store/uiStore";
import { App } from "./ui/App";
import { Account, AccountContext } from "./ui/aws/account";
import { DesignerContext } from "./ui/designerContext";
import { restoreLastDesign, startSession } from "./ui/session";
import { installTestHooks } from "./ui/testHooks";

async function start() {
  // Reload restores the last autosaved design; a first visit opens the PyTorch example.
  const restored = await restoreLastDesign();
  const example = loadDesign(Object.values(EXAMPLES)[0]);
  if (example.kind !== "ok")
    throw new Error(`the bundled example does not load: ${JSON.stringify(example)}`);
  const design = createDesignStore(restored?.design ?? example.design);
  const ui = createUiStore();
  const session = startSession(
    design,
    ui,
    restored?.documentId ?? crypto.randomUUID(),
    restored?.revision ?? 0,
  );
  const stores = { design, ui, session };
  const account = new Account();
  void account.load();
  if (import.meta.env.VITE_TEST_HOOKS === "1") installTestHooks(stores);
  createRoot(document.getElementById("root") as HTMLElement).render(
    <StrictMode>
      <DesignerContext.Provider value={stores}>
        <AccountContext.Provider value={account}>
          <App />
        </AccountContext.Provider>
      </DesignerContext.Provider>
    </StrictMode>,
  );
}

void start();
