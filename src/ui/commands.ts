import type { Edge as FlowEdge, ReactFlowInstance } from "@xyflow/react";
import type { Edge } from "../model";
import { FragmentSchema, copyFragment } from "../store/fragment";
import { redo, undo } from "../store/designStore";
import type { DesignerStores } from "./designerContext";

export type DialogName = "autoConnect" | "help" | "signIn" | "submit" | "settings";

export interface CommandContext {
  stores: DesignerStores;
  flow: ReactFlowInstance;
  selectedEdges: () => FlowEdge[];
  openDialog: (dialog: DialogName) => void;
  autoLayout: () => Promise<void>;
  importFile: () => void;
  exportDesign: () => void;
  validate: () => void;
  /** Where pasted and keyboard-added steps go: the centre of the visible canvas. */
  viewportCentre: () => { x: number; y: number };
}

/** A user action as data: the toolbar, the keyboard, the help dialog and the tests share this list. */
export interface Command {
  id: string;
  label: string;
  /** Shown in tooltips and the help dialog, e.g. "Ctrl+Z". */
  shortcut?: string;
  matches?: (event: KeyboardEvent) => boolean;
  enabled?: (context: CommandContext) => boolean;
  run: (context: CommandContext) => void | Promise<void>;
}

const mod = (event: KeyboardEvent) => event.ctrlKey || event.metaKey;
const key = (event: KeyboardEvent, name: string) => event.key.toLowerCase() === name;
const selectedIds = (context: CommandContext) => context.stores.ui.getState().selectedStepIds;
const toDesignEdge = (edge: FlowEdge): Edge => ({
  from: { step: edge.source, output: edge.sourceHandle ?? "" },
  to: { step: edge.target, input: edge.targetHandle ?? "" },
});

async function copySelection(context: CommandContext): Promise<boolean> {
  const ids = selectedIds(context);
  if (ids.length === 0) return false;
  const fragment = copyFragment(context.stores.design.getState().design, ids);
  try {
    await navigator.clipboard.writeText(JSON.stringify(fragment, null, 2));
    context.stores.ui
      .getState()
      .announce(`Copied ${ids.length} step${ids.length === 1 ? "" : "s"}.`);
    return true;
  } catch {
    context.stores.ui.getState().announce("Copy failed: the browser refused clipboard access.");
    return false;
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
  ui.announce(`Pasted ${ids.length} step${ids.length === 1 ? "" : "s"}.`);
}

export const COMMANDS: Command[] = [
  {
    id: "undo",
    label: "Undo",
    shortcut: "Ctrl+Z",
    matches: (e) => mod(e) && !e.shiftKey && key(e, "z"),
    enabled: (c) => c.stores.design.temporal.getState().pastStates.length > 0,
    run: (c) => undo(c.stores.design),
  },
  {
    id: "redo",
    label: "Redo",
    shortcut: "Shift+Ctrl+Z",
    matches: (e) => mod(e) && ((e.shiftKey && key(e, "z")) || key(e, "y")),
    enabled: (c) => c.stores.design.temporal.getState().futureStates.length > 0,
    run: (c) => redo(c.stores.design),
  },
  {
    id: "delete",
    label: "Delete",
    shortcut: "Delete",
    matches: (e) => e.key === "Delete" || e.key === "Backspace",
    enabled: (c) => selectedIds(c).length > 0 || c.selectedEdges().length > 0,
    run: (c) => {
      const ids = selectedIds(c);
      const edges = c.selectedEdges().map(toDesignEdge);
      if (ids.length > 0) c.stores.design.getState().removeSteps(ids);
      if (edges.length > 0) c.stores.design.getState().disconnect(edges);
      c.stores.ui.getState().select([]);
      c.stores.ui.getState().announce(`Deleted ${ids.length} step(s) and ${edges.length} link(s).`);
    },
  },
  {
    id: "copy",
    label: "Copy",
    shortcut: "Ctrl+C",
    matches: (e) => mod(e) && key(e, "c"),
    enabled: (c) => selectedIds(c).length > 0,
    run: (c) => void copySelection(c),
  },
  {
    id: "paste",
    label: "Paste",
    shortcut: "Ctrl+V",
    matches: (e) => mod(e) && key(e, "v"),
    run: async (c) => {
      try {
        pasteText(c, await navigator.clipboard.readText());
      } catch {
        c.stores.ui.getState().announce("Paste failed: the browser refused clipboard access.");
      }
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
    run: (c) => void c.flow.fitView({ duration: 200 }),
  },
  {
    id: "zoomIn",
    label: "Zoom in",
    shortcut: "+",
    matches: (e) => !mod(e) && (e.key === "+" || e.key === "="),
    run: (c) => void c.flow.zoomIn({ duration: 150 }),
  },
  {
    id: "zoomOut",
    label: "Zoom out",
    shortcut: "-",
    matches: (e) => !mod(e) && e.key === "-",
    run: (c) => void c.flow.zoomOut({ duration: 150 }),
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
    run: (c) => c.exportDesign(),
  },
  {
    id: "validate",
    label: "Validate",
    shortcut: "F8",
    matches: (e) => e.key === "F8",
    run: (c) => c.validate(),
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

export function command(id: string): Command {
  const found = COMMANDS.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`unknown command ${id}`);
  return found;
}

/** Typing in a field keeps its own keys; shortcuts apply everywhere else. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) ||
    target.closest(".cm-editor") !== null
  );
}
