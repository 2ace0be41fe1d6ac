import "./model/noEval";
import "@xyflow/react/dist/style.css";
import "./ui/styles.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { loadDesign, type Design } from "./model";
import { createDesigner } from "./store/designer";
import { DEFAULT_EXAMPLE, exampleFile } from "./store/examples";
import { App } from "./ui/App";
import { Account, AccountContext } from "./ui/aws/account";
import { DesignerContext } from "./ui/designerContext";
import { restoreLastDesign, startSession } from "./ui/session";
import { installTestHooks } from "./ui/testHooks";

async function defaultExample(): Promise<Design> {
  const example = loadDesign(await exampleFile(DEFAULT_EXAMPLE));
  if (example.kind !== "ok")
    throw new Error(`the bundled example does not load: ${JSON.stringify(example)}`);
  return example.design;
}

async function start() {
  // Reload restores the last autosaved design; a first visit opens the default demo, the gated
  // PyTorch example, loaded as a chunk of its own (dynamic import): not in the first bundle.
  const restored = await restoreLastDesign();
  const design = restored?.design ?? (await defaultExample());
  const designer = createDesigner({
    design,
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
