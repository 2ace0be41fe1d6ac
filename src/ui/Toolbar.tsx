import { memo } from "react";
import { useStore } from "zustand";
import { loadDesign } from "../model";
import { EXAMPLE_NAMES, exampleFile } from "../store/examples";
import { AccountControls } from "./aws/AccountControls";
import { RegistryButton } from "./aws/RegistryDialog";
import { Menu } from "./Menu";
import { RecentMenu } from "./RecentMenu";
import { command, runCommand, type CommandContext, type CommandId } from "./commands";

/** Always on the toolbar: the commands of DESIGN.md §6 and the ones used while drawing. */
const TOOLBAR_COMMANDS: CommandId[] = [
  "undo",
  "redo",
  "autoLayout",
  "autoConnect",
  "import",
  "export",
  "validate",
  "submit",
];
/** Less used: behind the "More" menu, still buttons with the same names. */
const MORE_COMMANDS: CommandId[] = ["settings", "help"];

function CommandButton({
  id,
  context,
  disabled = false,
  before,
}: {
  id: CommandId;
  context: CommandContext;
  disabled?: boolean;
  /** Runs first (a menu closes and gives focus back to its button, where a dialog returns it). */
  before?: () => void;
}) {
  const { label, shortcut } = command(id);
  return (
    <button
      type="button"
      disabled={disabled}
      title={shortcut ? `${label} (${shortcut})` : label}
      onClick={() => {
        before?.();
        runCommand(id, context);
      }}
    >
      {label}
    </button>
  );
}

/**
 * Toolbar buttons are the shared commands; undo/redo follow the history. One row from 1280 px:
 * the example chooser and Recent sit behind "Open", Settings and the shortcuts behind "More",
 * the two statuses share one column, and long texts (name, statuses, email) end in an ellipsis
 * with the whole text as their title.
 */
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
      <span className="toolbar__pipeline" aria-label="Pipeline name" title={pipelineName}>
        {pipelineName}
      </span>
      <Menu label="Open" title="Open an example or a recent design">
        {(close) => (
          <>
            <label className="toolbar__example">
              Example
              <select
                value=""
                onChange={(event) => {
                  const name = event.target.value;
                  close(true);
                  void exampleFile(name).then((file) => {
                    const loaded = loadDesign(file);
                    if (loaded.kind !== "ok") return;
                    context.stores.session.openDocument(loaded.design);
                    context.stores.ui.getState().announce(`Opened the ${name} example.`);
                  });
                }}
              >
                <option value="">Open an example…</option>
                {EXAMPLE_NAMES.map((name) => (
                  <option key={name}>{name}</option>
                ))}
              </select>
            </label>
            <RecentMenu onChosen={() => close(true)} />
          </>
        )}
      </Menu>
      <div className="toolbar__buttons">
        {TOOLBAR_COMMANDS.map((id) => (
          <CommandButton key={id} id={id} context={context} disabled={enabled[id] === false} />
        ))}
        <Menu label="More" title="Settings, keyboard shortcuts, model registry" align="end">
          {(close) => (
            <>
              {MORE_COMMANDS.map((id) => (
                <CommandButton key={id} id={id} context={context} before={() => close(true)} />
              ))}
              <RegistryButton before={() => close(true)} />
            </>
          )}
        </Menu>
      </div>
      <div className="toolbar__statuses">
        <span className="toolbar__status" role="status" aria-label="Compile status" title={status}>
          {status}
        </span>
        <span
          className="toolbar__save"
          role="status"
          aria-label="Save status"
          title={saveStatus || undefined}
        >
          {saveStatus}
        </span>
      </div>
      <AccountControls onSignIn={() => context.openDialog("signIn")} />
    </header>
  );
}

export const Toolbar = memo(ToolbarView);
