import { checkScripts } from "../../src/checks";
import { loadPythonParser } from "../../src/cli/pythonParser";
import { schemaDiagnostics } from "../../src/compiler/schema";
import type { Design } from "../../src/model";
import {
  addStepNear,
  runCommand,
  type CommandContext,
  type CommandId,
  type DialogName,
} from "../../src/store/commands";
import { createDesigner } from "../../src/store/designer";
import { undoCount } from "../../src/store/designStore";
import type {
  ScriptCheckAnswer,
  ScriptCheckRequest,
  ScriptCheckWorker,
} from "../../src/store/scriptChecker";
import { referenceDesign } from "./designs";

/** The script-check worker's job done in this process, with the Node parser, answering async. */
function inProcessWorker(): ScriptCheckWorker {
  const worker: ScriptCheckWorker = {
    onmessage: null,
    onerror: null,
    postMessage: (request: ScriptCheckRequest) => {
      void (async () => {
        let answer: ScriptCheckAnswer;
        try {
          const diagnostics = checkScripts(request.design, await loadPythonParser());
          answer = { id: request.id, ok: true, diagnostics };
        } catch (error) {
          answer = { id: request.id, ok: false, message: String(error) };
        }
        worker.onmessage?.({ data: answer } as MessageEvent<ScriptCheckAnswer>);
      })();
    },
  };
  return worker;
}

/**
 * A designer without React or a browser, in the spirit of tldraw's TestEditor: the real core (the
 * schema check and the script checks run in-process), and a host that records what the view was
 * asked to do (dialogs, downloads, the clipboard, which step to reveal).
 */
export function createTestDesigner(design: Design = referenceDesign()) {
  let ids = 0;
  const designer = createDesigner({
    design,
    documentId: "doc-0",
    newDocumentId: () => `doc-${++ids}`,
    scriptWorker: inProcessWorker,
    loadSchemaCheck: async () => schemaDiagnostics,
  });
  const host = {
    dialogs: [] as DialogName[],
    downloads: [] as { fileName: string; text: string }[],
    clipboard: "",
    revealed: [] as string[],
    centre: { x: 0, y: 0 },
    views: [] as string[],
  };
  const context: CommandContext = {
    stores: designer,
    openDialog: (dialog) => void host.dialogs.push(dialog),
    fitView: () => void host.views.push("fitView"),
    zoomIn: () => void host.views.push("zoomIn"),
    zoomOut: () => void host.views.push("zoomOut"),
    autoLayout: async () => {
      host.views.push("autoLayout");
    },
    importFile: () => void host.views.push("importFile"),
    download: (fileName, text) => void host.downloads.push({ fileName, text }),
    clipboard: {
      writeText: async (text) => {
        host.clipboard = text;
      },
      readText: async () => host.clipboard,
    },
    focusProblems: () => void host.views.push("focusProblems"),
    viewportCentre: () => host.centre,
    stepSize: () => undefined,
    reveal: (id) => void host.revealed.push(id),
  };
  return {
    designer,
    host,
    context,
    design: () => designer.design.getState().design,
    undoCount: () => undoCount(designer.design),
    run: (id: CommandId) => runCommand(id, context),
    addStep: (type: string) => addStepNear(context, type),
    select: (stepIds: string[]) => designer.ui.getState().select(stepIds),
  };
}

export type TestDesigner = ReturnType<typeof createTestDesigner>;
