import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { DesignState } from "../store/designStore";
import type { UiState } from "../store/uiStore";
import { Canvas } from "./canvas/Canvas";
import { layoutDesign } from "./canvas/layout";
import { Palette } from "./canvas/Palette";
import { StepLinks } from "./canvas/StepLinks";
import { NOMINAL_STEP_SIZE } from "../model";
import {
  addStepNear,
  COMMANDS,
  isEnabled,
  isTypingTarget,
  runCommand,
  type CommandContext,
  type DialogName,
} from "./commands";
import { useCompiled, useDesign, useDesignerStores, useUi } from "./designerContext";
import { useAccount } from "./aws/account";
import { RunsPanel } from "./aws/RunsPanel";
import { RegistryDialog } from "./aws/RegistryDialog";
import { SettingsDialog } from "./aws/SettingsDialog";
import { SignInDialog } from "./aws/SignInDialog";
import { SubmitDialog } from "./aws/SubmitDialog";
import { AutoConnectDialog } from "./dialogs/AutoConnectDialog";
import { HelpDialog } from "./dialogs/HelpDialog";
import { ImportNotesDialog, ImportProblemsDialog } from "./dialogs/ImportProblemsDialog";
import { downloadText } from "../io";
import { importDesignFile } from "./importFile";
import { Previews } from "./previews/Previews";
import { Inspector, PipelinePanel } from "./inspector";
import { ProblemsPanel } from "./ProblemsPanel";
import { Toolbar } from "./Toolbar";

const selectDesign = (state: DesignState) => state.design;
const selectAnnouncement = (state: UiState) => state.announcement;
const selectSaveStatus = (state: UiState) => state.saveStatus;
const selectWarning = (state: UiState) => state.warning;
const selectSelectedCount = (state: UiState) => state.selectedStepIds.length;

export function App() {
  return (
    <ReactFlowProvider>
      <Designer />
    </ReactFlowProvider>
  );
}

function Designer() {
  const design = useDesign(selectDesign);
  const announcement = useUi(selectAnnouncement);
  const { result, diagnostics } = useCompiled();
  const stores = useDesignerStores();
  const flow = useReactFlow();
  const canvasRef = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const saveStatus = useUi(selectSaveStatus);
  const warning = useUi(selectWarning);
  const selectedCount = useUi(selectSelectedCount);
  const [dialog, setDialog] = useState<DialogName | null>(null);
  const account = useAccount();
  // Submit while signed out: sign in first, then continue to the review.
  const afterSignIn = useRef<DialogName | null>(null);
  const [focusRun, setFocusRun] = useState<string | null>(null);
  const openDialog = useCallback(
    (name: DialogName) => {
      const signedIn = account.getState().connection?.getState().user != null;
      if (name === "submit" && !signedIn) {
        afterSignIn.current = "submit";
        setDialog("signIn");
      } else setDialog(name);
    },
    [account],
  );
  const [animating, setAnimating] = useState(false);

  const context = useMemo<CommandContext>(
    () => ({
      stores,
      openDialog,
      fitView: () => void flow.fitView({ duration: 200 }),
      zoomIn: () => void flow.zoomIn({ duration: 150 }),
      zoomOut: () => void flow.zoomOut({ duration: 150 }),
      viewportCentre: () => {
        const box = canvasRef.current?.getBoundingClientRect();
        return box
          ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 })
          : { x: 0, y: 0 };
      },
      stepSize: (id) => {
        const measured = flow.getNode(id)?.measured;
        return measured?.width && measured.height
          ? { width: measured.width, height: measured.height }
          : undefined;
      },
      reveal: (id) => {
        const step = stores.design.getState().design.steps.find((candidate) => candidate.id === id);
        if (!step) return;
        const size = NOMINAL_STEP_SIZE;
        void flow.setCenter(step.position.x + size.width / 2, step.position.y + size.height / 2, {
          zoom: flow.getZoom(),
          duration: 200,
        });
      },
      autoLayout: async () => {
        const sizes = Object.fromEntries(
          flow
            .getNodes()
            .map((node) => [
              node.id,
              { width: node.measured?.width, height: node.measured?.height },
            ]),
        );
        try {
          const positions = await layoutDesign(stores.design.getState().design, sizes);
          setAnimating(true);
          stores.design.getState().moveSteps(positions);
          stores.ui.getState().announce("Laid out the pipeline left to right.");
          window.setTimeout(() => {
            setAnimating(false);
            void flow.fitView({ maxZoom: 1, duration: 300 });
          }, 400);
        } catch (error) {
          stores.ui
            .getState()
            .announce(
              `Auto layout failed: ${error instanceof Error ? error.message : String(error)}`,
            );
        }
      },
      importFile: () => fileInput.current?.click(),
      download: downloadText,
      clipboard: {
        writeText: (text) => navigator.clipboard.writeText(text),
        readText: () => navigator.clipboard.readText(),
      },
      focusProblems: () => document.getElementById("problems-panel")?.focus(),
    }),
    [stores, flow, openDialog],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isTypingTarget(event.target) || document.querySelector("dialog[open]")) return;
      const found = COMMANDS.find((candidate) => candidate.matches?.(event));
      if (!found || !isEnabled(found.id, context)) return;
      event.preventDefault();
      runCommand(found.id, context);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [context]);

  const addFromPalette = useCallback((type: string) => void addStepNear(context, type), [context]);

  const status = `${design.steps.length} steps · ${
    result.ok
      ? `definition ${(result.json.length / 1024).toFixed(1)} KB, ${result.uploads.length} uploads`
      : `${result.errors.length} errors`
  }`;
  return (
    <div
      className="app"
      onDragOver={(event) => event.dataTransfer.types.includes("Files") && event.preventDefault()}
      onDrop={(event) => {
        const file = event.dataTransfer.files[0];
        if (!file) return;
        event.preventDefault();
        void importDesignFile(stores, account, file);
      }}
    >
      <Toolbar
        context={context}
        pipelineName={design.pipeline.name}
        status={status}
        saveStatus={saveStatus}
      />
      {warning && (
        <div className="warning-banner" role="alert">
          {warning}{" "}
          <button type="button" onClick={() => stores.ui.getState().setWarning(null)}>
            Dismiss
          </button>
        </div>
      )}
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        aria-label="Import design file"
        className="visually-hidden"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (file) void importDesignFile(stores, account, file);
        }}
      />
      <main className={`workspace${animating ? " is-animating" : ""}`}>
        <Palette onAdd={addFromPalette} />
        <div className="canvas-area" ref={canvasRef}>
          <Canvas />
        </div>
        <aside className="side-panel" aria-label="Inspector">
          <StepLinks />
          {selectedCount === 0 ? <PipelinePanel /> : <Inspector />}
        </aside>
      </main>
      <section className="bottom-dock" aria-label="Previews and problems">
        <div className="bottom-dock__previews">
          <Previews />
        </div>
        <ProblemsPanel design={design} diagnostics={diagnostics} />
        <RunsPanel focusArn={focusRun} />
      </section>
      <div className="visually-hidden" aria-live="polite" role="log" aria-label="Announcements">
        {announcement}
      </div>
      <AutoConnectDialog open={dialog === "autoConnect"} onClose={() => setDialog(null)} />
      <HelpDialog open={dialog === "help"} onClose={() => setDialog(null)} />
      <SignInDialog
        open={dialog === "signIn"}
        onClose={() => {
          afterSignIn.current = null;
          setDialog(null);
        }}
        onSignedIn={() => {
          setDialog(afterSignIn.current);
          afterSignIn.current = null;
        }}
      />
      <SubmitDialog
        open={dialog === "submit"}
        onClose={() => setDialog(null)}
        onStarted={setFocusRun}
      />
      <SettingsDialog open={dialog === "settings"} onClose={() => setDialog(null)} />
      <RegistryDialog />
      <ImportProblemsDialog />
      <ImportNotesDialog />
    </div>
  );
}
