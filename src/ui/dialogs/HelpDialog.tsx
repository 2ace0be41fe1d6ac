import { COMMANDS } from "../commands";
import { Dialog } from "./Dialog";

/** Every command with its shortcut, from the same list the keyboard handler uses. */
export function HelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" open={open} onClose={onClose}>
      <table className="shortcuts">
        <tbody>
          {COMMANDS.filter((command) => command.shortcut).map((command) => (
            <tr key={command.id}>
              <th scope="row">{command.label}</th>
              <td>
                <kbd>{command.shortcut}</kbd>
              </td>
            </tr>
          ))}
          <tr>
            <th scope="row">Move selected steps</th>
            <td>
              <kbd>Arrow keys</kbd>
            </td>
          </tr>
          <tr>
            <th scope="row">Add a step</th>
            <td>
              Focus it in the palette, press <kbd>Enter</kbd>
            </td>
          </tr>
          <tr>
            <th scope="row">Link without a mouse</th>
            <td>Select a step, choose a source under “Inputs”</td>
          </tr>
        </tbody>
      </table>
      <div className="dialog__actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
