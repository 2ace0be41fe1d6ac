// The commands live in the designer core (src/store/commands.ts); the UI adds only what is DOM-bound.
export {
  addStepNear,
  command,
  COMMANDS,
  isEnabled,
  runCommand,
  type Command,
  type CommandContext,
  type CommandHost,
  type CommandId,
  type DialogName,
} from "../store/commands";

/** Typing in a field keeps its own keys; shortcuts apply everywhere else. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) ||
    target.closest(".cm-editor") !== null
  );
}
