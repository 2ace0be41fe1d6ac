import { memo } from "react";
import { useStore } from "zustand";
import { loadDesign } from "../model";
import { EXAMPLES } from "../store/examples";
import { AccountControls } from "./aws/AccountControls";
import { RecentMenu } from "./RecentMenu";
import { command, runCommand, type CommandContext, type CommandId } from "./commands";

const TOOLBAR_COMMANDS: CommandId[] = [
  "undo",
  "redo",
  "autoLayout",
  "autoConnect",
  "import",
  "export",
  "validate",
  "submit",
  "settings",
  "help",
];

/** Toolbar buttons are the shared commands; undo/redo follow the history. */
function ToolbarView({
  context,
  pipelineName,
  status,
  saveStatus,
}: {
  context: CommandContext;
  pipelineName: string;
  status: string;
  saveStatus: string;
}) {
  const canUndo = useStore(context.stores.design.temporal, (state) => state.pastStates.length > 0);
  const canRedo = useStore(
    context.stores.design.temporal,
    (state) => state.futureStates.length > 0,
  );
  const enabled: Record<string, boolean> = { undo: canUndo, redo: canRedo };
  return (
    <header className="toolbar" role="toolbar" aria-label="Designer toolbar">
      <h1 className="toolbar__title">Pipeline Designer</h1>
      <span className="toolbar__pipeline" aria-label="Pipeline name">
        {pipelineName}
      </span>
      <label className="toolbar__example">
        Example
        <select
          value=""
          onChange={(event) => {
            const loaded = loadDesign(EXAMPLES[event.target.value]);
            if (loaded.kind !== "ok") return;
            context.stores.session.openDocument(loaded.design);
            context.stores.ui.getState().announce(`Opened the ${event.target.value} example.`);
          }}
        >
          <option value="">Open an example…</option>
          {Object.keys(EXAMPLES).map((name) => (
            <option key={name}>{name}</option>
          ))}
        </select>
      </label>
      <RecentMenu />
      <div className="toolbar__buttons">
        {TOOLBAR_COMMANDS.map((id) => {
          const { label, shortcut } = command(id);
          return (
            <button
              key={id}
              type="button"
              disabled={enabled[id] === false}
              title={shortcut ? `${label} (${shortcut})` : label}
              onClick={() => runCommand(id, context)}
            >
              {label}
            </button>
          );
        })}
      </div>
      <AccountControls onSignIn={() => context.openDialog("signIn")} />
      <span className="toolbar__status" role="status" aria-label="Compile status">
        {status}
      </span>
      <span className="toolbar__save" role="status" aria-label="Save status">
        {saveStatus}
      </span>
    </header>
  );
}

export const Toolbar = memo(ToolbarView);
