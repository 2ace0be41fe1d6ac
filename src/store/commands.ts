import { designFileName, serializeDesign } from "../io";
import { freePosition, NOMINAL_STEP_SIZE, type Point, type Size } from "../model";
import type { Designer } from "./designer";
import { compiledFor } from "./diagnostics";
import { redo, undo, undoCount } from "./designStore";
import { copyFragment, FragmentSchema } from "./fragment";
import { initialConfig } from "./stepDefaults";

export type DialogName = "autoConnect" | "help" | "signIn" | "submit" | "settings";

/** What commands need of the view around the designer: the canvas, dialogs, files, the clipboard. */
export interface CommandHost {
  openDialog: (dialog: DialogName) => void;
  fitView: () => void;
  zoomIn: () => void;
  zoomOut: () => void;
  /** Lays the pipeline out (elk in a worker, measured node sizes) and moves the steps, animated. */
  autoLayout: () => Promise<void>;
  importFile: () => void;
  download: (fileName: string, text: string) => void;
  clipboard: { writeText: (text: string) => Promise<void>; readText: () => Promise<string> };
  focusProblems: () => void;
  /** The centre of the visible canvas, in flow coordinates. */
  viewportCentre: () => Point;
  /** The drawn size of a step, when the canvas has measured it. */
  stepSize: (stepId: string) => Size | undefined;
  /** Brings a step into view (the view follows a keyboard-added step). */
  reveal: (stepId: string) => void;
}

export interface CommandContext extends CommandHost {
  stores: Designer;
}

/** Every command by name: the toolbar, menus, keys, the help dialog and the tests share the list. */
export type CommandId =
  | "undo"
  | "redo"
  | "delete"
  | "copy"
  | "paste"
  | "duplicate"
  | "selectAll"
  | "autoLayout"
  | "autoConnect"
  | "fitView"
  | "zoomIn"
  | "zoomOut"
  | "import"
  | "export"
  | "validate"
  | "submit"
  | "settings"
  | "help";

export interface Command {
  id: CommandId;
  label: string;
  /** Shown in tooltips and the help dialog, e.g. "Ctrl+Z". */
  shortcut?: string;
  matches?: (event: KeyboardEvent) => boolean;
  enabled?: (context: CommandContext) => boolean;
  /** Undo and redo move through the history themselves, outside any transaction. */
  movesHistory?: true;
  /** Runs as one history transaction: whatever it writes to the document is one undo step. */
  run: (context: CommandContext) => void | Promise<void>;
}

const mod = (event: KeyboardEvent) => event.ctrlKey || event.metaKey;
const key = (event: KeyboardEvent, name: string) => event.key.toLowerCase() === name;
const selectedIds = (context: CommandContext) => context.stores.ui.getState().selectedStepIds;
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

async function copySelection(context: CommandContext): Promise<void> {
  const ids = selectedIds(context);
  const ui = context.stores.ui.getState();
  const fragment = copyFragment(context.stores.design.getState().design, ids);
  try {
    await context.clipboard.writeText(JSON.stringify(fragment, null, 2));
    ui.announce(`Copied ${plural(ids.length, "step")}.`);
  } catch {
    ui.announce("Copy failed: the browser refused clipboard access.");
  }
}

function pasteText(context: CommandContext, text: string): void {
  const ui = context.stores.ui.getState();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    ui.announce("Nothing to paste: the clipboard does not hold copied steps.");
    return;
  }
  const fragment = FragmentSchema.safeParse(parsed);
  if (!fragment.success || fragment.data.steps.length === 0) {
    ui.announce("Nothing to paste: the clipboard does not hold copied steps.");
    return;
  }
  const first = fragment.data.steps[0]!.position;
  const centre = context.viewportCentre();
  const ids = context.stores.design
    .getState()
    .paste(fragment.data, { x: centre.x - first.x, y: centre.y - first.y });
  ui.select(ids);
  ui.announce(`Pasted ${plural(ids.length, "step")}.`);
}

export const COMMANDS: readonly Command[] = [
  {
    id: "undo",
    label: "Undo",
    shortcut: "Ctrl+Z",
    matches: (e) => mod(e) && !e.shiftKey && key(e, "z"),
    enabled: (c) => undoCount(c.stores.design) > 0,
    movesHistory: true,
    run: (c) => undo(c.stores.design),
  },
  {
    id: "redo",
    label: "Redo",
    shortcut: "Shift+Ctrl+Z",
    matches: (e) => mod(e) && ((e.shiftKey && key(e, "z")) || key(e, "y")),
    enabled: (c) => c.stores.design.temporal.getState().futureStates.length > 0,
    movesHistory: true,
    run: (c) => redo(c.stores.design),
  },
  {
    id: "delete",
    label: "Delete",
    shortcut: "Delete",
    matches: (e) => e.key === "Delete" || e.key === "Backspace",
    enabled: (c) => selectedIds(c).length > 0 || c.stores.ui.getState().selectedEdges.length > 0,
    run: (c) => {
      const ui = c.stores.ui.getState();
      const ids = ui.selectedStepIds;
      const edges = ui.selectedEdges;
      const document = c.stores.design.getState();
      if (ids.length > 0) document.removeSteps(ids);
      if (edges.length > 0) c.stores.design.getState().disconnect(edges);
      ui.select([]);
      ui.selectEdges([]);
      ui.announce(`Deleted ${plural(ids.length, "step")} and ${plural(edges.length, "link")}.`);
    },
  },
  {
    id: "copy",
    label: "Copy",
    shortcut: "Ctrl+C",
    matches: (e) => mod(e) && key(e, "c"),
    enabled: (c) => selectedIds(c).length > 0,
    run: (c) => copySelection(c),
  },
  {
    id: "paste",
    label: "Paste",
    shortcut: "Ctrl+V",
    matches: (e) => mod(e) && key(e, "v"),
    run: async (c) => {
      let text: string;
      try {
        text = await c.clipboard.readText();
      } catch {
        c.stores.ui.getState().announce("Paste failed: the browser refused clipboard access.");
        return;
      }
      // The clipboard answered after the transaction of the click: paste is its own one.
      c.stores.transaction(() => pasteText(c, text));
    },
  },
  {
    id: "duplicate",
    label: "Duplicate",
    shortcut: "Ctrl+D",
    matches: (e) => mod(e) && key(e, "d"),
    enabled: (c) => selectedIds(c).length > 0,
    run: (c) => {
      const fragment = copyFragment(c.stores.design.getState().design, selectedIds(c));
      const ids = c.stores.design.getState().paste(fragment, { x: 40, y: 40 });
      c.stores.ui.getState().select(ids);
    },
  },
  {
    id: "selectAll",
    label: "Select all",
    shortcut: "Ctrl+A",
    matches: (e) => mod(e) && key(e, "a"),
    run: (c) =>
      c.stores.ui.getState().select(c.stores.design.getState().design.steps.map((step) => step.id)),
  },
  {
    id: "autoLayout",
    label: "Auto layout",
    shortcut: "Shift+L",
    matches: (e) => e.shiftKey && !mod(e) && key(e, "l"),
    run: (c) => c.autoLayout(),
  },
  {
    id: "autoConnect",
    label: "Auto-connect",
    shortcut: "Shift+C",
    matches: (e) => e.shiftKey && !mod(e) && key(e, "c"),
    run: (c) => c.openDialog("autoConnect"),
  },
  {
    id: "fitView",
    label: "Fit view",
    shortcut: "Shift+1",
    matches: (e) => e.shiftKey && (e.key === "!" || e.code === "Digit1"),
    run: (c) => c.fitView(),
  },
  {
    id: "zoomIn",
    label: "Zoom in",
    shortcut: "+",
    matches: (e) => !mod(e) && (e.key === "+" || e.key === "="),
    run: (c) => c.zoomIn(),
  },
  {
    id: "zoomOut",
    label: "Zoom out",
    shortcut: "-",
    matches: (e) => !mod(e) && e.key === "-",
    run: (c) => c.zoomOut(),
  },
  {
    id: "import",
    label: "Import",
    shortcut: "Ctrl+O",
    matches: (e) => mod(e) && key(e, "o"),
    run: (c) => c.importFile(),
  },
  {
    id: "export",
    label: "Export",
    shortcut: "Ctrl+S",
    matches: (e) => mod(e) && key(e, "s"),
    run: (c) => {
      const current = c.stores.design.getState().design;
      c.download(designFileName(current), serializeDesign(current));
      const compiled = compiledFor(current);
      if (compiled.ok) c.stores.baseline.getState().set(compiled.json, "last export");
      c.stores.ui.getState().announce(`Exported ${designFileName(current)}.`);
    },
  },
  {
    id: "validate",
    label: "Validate",
    shortcut: "F8",
    matches: (e) => e.key === "F8",
    run: (c) => {
      const found = c.stores.diagnostics.current().diagnostics.length;
      c.stores.ui
        .getState()
        .announce(
          found === 0 ? "Validated: no problems." : `Validated: ${found} problem(s); see Problems.`,
        );
      c.focusProblems();
    },
  },
  {
    id: "submit",
    label: "Submit",
    shortcut: "Ctrl+Enter",
    matches: (e) => mod(e) && e.key === "Enter",
    // Signed out, Submit signs in first and then continues to the review.
    run: (c) => c.openDialog("submit"),
  },
  {
    id: "settings",
    label: "Settings",
    run: (c) => c.openDialog("settings"),
  },
  {
    id: "help",
    label: "Keyboard shortcuts",
    shortcut: "?",
    matches: (e) => e.key === "?",
    run: (c) => c.openDialog("help"),
  },
];

const BY_ID = new Map(COMMANDS.map((entry) => [entry.id, entry]));

export function command(id: CommandId): Command {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`unknown command ${id}`);
  return found;
}

export const isEnabled = (id: CommandId, context: CommandContext) =>
  command(id).enabled?.(context) !== false;

/**
 * Runs a command if it is enabled, as one history transaction (a command's synchronous writes;
 * work after an await — a clipboard read, a layout — opens its own). Returns whether it ran.
 */
export function runCommand(id: CommandId, context: CommandContext): boolean {
  if (!isEnabled(id, context)) return false;
  const found = command(id);
  if (found.movesHistory) void found.run(context);
  else void context.stores.transaction(() => found.run(context));
  return true;
}

/**
 * Adds a step from the palette by keyboard or click: right of the selected step (or of the last
 * added one), in free space, never on top of another node; selected and brought into view.
 */
export function addStepNear(context: CommandContext, type: string): string | null {
  const { stores } = context;
  const ui = stores.ui.getState();
  const design = stores.design.getState().design;
  const selected = ui.selectedStepIds;
  const existing = (id: string | null | undefined) =>
    id && design.steps.some((step) => step.id === id) ? id : null;
  const anchor = existing(selected[selected.length - 1]) ?? existing(ui.lastAddedStepId);
  const position = freePosition(design, anchor, context.viewportCentre(), (id) =>
    sizeOr(context.stepSize(id)),
  );
  const initial = initialConfig(design, type, anchor);
  const id = stores.transaction(() => stores.design.getState().addStep(type, position, initial));
  if (!id) return null;
  ui.select([id]);
  ui.setLastAdded(id);
  ui.announce(`Added ${type} step.`);
  context.reveal(id);
  return id;
}

const sizeOr = (size: Size | undefined): Size =>
  size && size.width > 0 && size.height > 0 ? size : NOMINAL_STEP_SIZE;
