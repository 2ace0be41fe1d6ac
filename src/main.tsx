import "./model/noEval";
import "@xyflow/react/dist/style.css";
import "./ui/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { loadDesign } from "./model";
import { createDesigner } from "./store/designer";
import { EXAMPLES } from "./store/examples";
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
  const designer = createDesigner({
    design: restored?.design ?? example.design,
    documentId: restored?.documentId,
    revision: restored?.revision,
    scriptWorker: () =>
      new Worker(new URL("./ui/checks/scriptChecks.worker.ts", import.meta.url), {
        type: "module",
      }),
    loadSchemaCheck: async () => (await import("./compiler/schema")).schemaDiagnostics,
  });
  startSession(designer);
  const account = new Account();
  void account.load();
  if (import.meta.env.VITE_TEST_HOOKS === "1") installTestHooks(designer);
  createRoot(document.getElementById("root") as HTMLElement).render(
    <StrictMode>
      <DesignerContext.Provider value={designer}>
        <AccountContext.Provider value={account}>
          <App />
        </AccountContext.Provider>
      </DesignerContext.Provider>
    </StrictMode>,
  );
}

void start();
