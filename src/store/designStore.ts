import { temporal } from "zundo";
import { createStore } from "zustand/vanilla";
import { defaultStepName, STARTER_FILES, stepType } from "../catalog";
import {
  addStep as addStepToDesign,
  connect as connectDesign,
  ownEntry,
  removeStep,
  renameStep as renameDesignStep,
  sameEdge,
  uniqueStepId,
  uniqueStepName,
  type Design,
  type Edge,
  type PipelineParameter,
  type PipelineSettings,
} from "../model";
import { checkLink, type LinkCheck } from "../resolver";
import * as code from "./codeFiles";
import { setAtPath, type ConfigPath } from "./configPath";
import { pasteFragment, type DesignFragment } from "./fragment";

export type Position = { x: number; y: number };
export type CommandResult = { ok: true } | { ok: false; message: string };

/**
 * The document and every user command on it. Each command is one undo step; loading a file
 * replaces the document and clears history (loading is not undoable).
 */
export interface DesignState {
  design: Design;
  /** Increments on every load, so views can reset (fit view, clear selection). */
  loadCount: number;
  replaceDesign: (design: Design) => void;
  /**
   * Adds a step of a type; `initial` seeds its config (a condition added next to an evaluation
   * step starts with that step's first metric ≥ 0.7). Steps with a container start with the
   * type's starter files; those without (Condition, Fail, Batch Transform) get no code.
   */
  addStep: (type: string, position: Position, initial?: Record<string, unknown>) => string | null;
  removeSteps: (ids: readonly string[]) => void;
  renameStep: (id: string, name: string) => CommandResult;
  /** One form commit: sets (or, with `undefined`, clears back to the default) one config field. */
  setStepConfigValue: (id: string, path: ConfigPath, value: unknown) => void;
  /** One drag, recorded on release. */
  moveSteps: (positions: Record<string, Position>) => void;
  connect: (edge: Edge) => LinkCheck;
  disconnect: (edges: readonly Edge[]) => void;
  /** Auto-connect: the accepted proposals, as one undo step. */
  connectMany: (edges: readonly Edge[]) => Edge[];
  paste: (fragment: DesignFragment, offset: Position) => string[];
  updatePipeline: (patch: Partial<PipelineSettings>) => void;
  /**
   * Binds a config field to a pipeline parameter (creating the parameter when given), or with
   * `literal` unbinds it back to a plain value — one undo step either way.
   */
  bindParameter: (
    id: string,
    path: ConfigPath,
    binding: { parameter: string; create?: PipelineParameter } | { literal: unknown },
  ) => void;
  /**
   * Inline code files (one undo step each; refused with a reason on a bad name or when the code
   * would pass the 1 MB limit, leaving the document as it was). `setCodeFile` adds the file when new.
   */
  setCodeFile: (stepId: string, name: string, text: string) => CommandResult;
  addCodeFile: (stepId: string, name: string, text?: string) => CommandResult;
  /** Renaming the entry-point file also sets `entryPoint` to the new name, in the same step. */
  renameCodeFile: (stepId: string, from: string, to: string) => CommandResult;
  deleteCodeFile: (stepId: string, name: string) => CommandResult;
  /** A whole imported folder, merged into the inline files (same names replaced), as one step. */
  importCodeFiles: (stepId: string, files: Readonly<Record<string, string>>) => CommandResult;
  /** From an S3 URI (or no code) to inline files, starting from the step type's starter files. */
  switchToInlineCode: (stepId: string) => CommandResult;
}

export type DesignStore = ReturnType<typeof createDesignStore>;

/** Whether a step type's config takes `code` (steps without a container have none). */
function hasCodeField(definition: { configSchema: unknown }): boolean {
  const shape = (definition.configSchema as { shape?: Record<string, unknown> }).shape;
  return shape !== undefined && Object.hasOwn(shape, "code");
}

const HISTORY_LIMIT = 200;

export function createDesignStore(initial: Design) {
  const store = createStore<DesignState>()(
    temporal(
      (set, get) => {
        const update = (design: Design) => {
          if (design !== get().design) set({ design });
        };
        const applyCode = (edit: code.CodeEdit): CommandResult => {
          if (!edit.ok) return edit;
          update(edit.design);
          return { ok: true };
        };
        return {
          design: initial,
          loadCount: 0,
          replaceDesign: (design) => {
            set((state) => ({ design, loadCount: state.loadCount + 1 }));
            store.temporal.getState().clear();
          },
          addStep: (type, position, initial = {}) => {
            const definition = stepType(type);
            if (!definition) return null;
            const { design } = get();
            const id = uniqueStepId(design, definition.type);
            const name = uniqueStepName(design, defaultStepName(definition));
            // A new step starts with a runnable script for its contract, so only real choices remain.
            const starter = hasCodeField(definition) ? STARTER_FILES[definition.type] : undefined;
            const config =
              starter && Object.keys(starter).length > 0
                ? { code: { files: { ...starter } }, ...initial }
                : { ...initial };
            const result = addStepToDesign(design, {
              id,
              type: definition.type,
              name,
              position,
              config,
            });
            if (!result.ok) return null;
            update(result.design);
            return id;
          },
          removeSteps: (ids) => {
            let design = get().design;
            for (const id of ids) {
              const result = removeStep(design, id);
              if (result.ok) design = result.design;
            }
            update(design);
          },
          renameStep: (id, name) => {
            const result = renameDesignStep(get().design, id, name);
            if (!result.ok) return result;
            update(result.design);
            return { ok: true };
          },
          setStepConfigValue: (id, path, value) => {
            const { design } = get();
            const steps = design.steps.map((step) =>
              step.id === id ? { ...step, config: setAtPath(step.config, path, value) } : step,
            );
            update({ ...design, steps });
          },
          moveSteps: (positions) => {
            const { design } = get();
            // By own entry: a step id such as "constructor" is not a member of Object.prototype.
            const moved = design.steps.some((step) => {
              const target = ownEntry(positions, step.id);
              return target && (target.x !== step.position.x || target.y !== step.position.y);
            });
            if (!moved) return;
            update({
              ...design,
              steps: design.steps.map((step) => {
                const position = ownEntry(positions, step.id);
                return position ? { ...step, position } : step;
              }),
            });
          },
          connect: (edge) => {
            const { design } = get();
            if (design.edges.some((existing) => sameEdge(existing, edge))) {
              return {
                allowed: false,
                gate: "alreadyFed",
                message: `already linked: ${edge.from.output} feeds ${edge.to.input}`,
              };
            }
            const check = checkLink(design, edge);
            if (!check.allowed) return check;
            const result = connectDesign(design, edge);
            if (result.ok) update(result.design);
            return check;
          },
          disconnect: (edges) => {
            const { design } = get();
            const kept = design.edges.filter(
              (existing) => !edges.some((edge) => sameEdge(edge, existing)),
            );
            if (kept.length !== design.edges.length) update({ ...design, edges: kept });
          },
          connectMany: (edges) => {
            let design = get().design;
            const added: Edge[] = [];
            for (const edge of edges) {
              if (!checkLink(design, edge).allowed) continue;
              const result = connectDesign(design, edge);
              if (result.ok) {
                design = result.design;
                added.push(edge);
              }
            }
            update(design);
            return added;
          },
          paste: (fragment, offset) => {
            const { design, ids } = pasteFragment(get().design, fragment, offset);
            update(design);
            return ids;
          },
          bindParameter: (id, path, binding) => {
            const { design } = get();
            const value = "literal" in binding ? binding.literal : { parameter: binding.parameter };
            const create = "create" in binding ? binding.create : undefined;
            const parameters = create
              ? [...design.pipeline.parameters, create]
              : design.pipeline.parameters;
            const steps = design.steps.map((step) =>
              step.id === id ? { ...step, config: setAtPath(step.config, path, value) } : step,
            );
            update({ ...design, pipeline: { ...design.pipeline, parameters }, steps });
          },
          updatePipeline: (patch) => {
            const { design } = get();
            update({ ...design, pipeline: { ...design.pipeline, ...patch } });
          },
          setCodeFile: (stepId, name, text) =>
            applyCode(code.setCodeFile(get().design, stepId, name, text)),
          addCodeFile: (stepId, name, text) =>
            applyCode(code.addCodeFile(get().design, stepId, name, text)),
          renameCodeFile: (stepId, from, to) =>
            applyCode(code.renameCodeFile(get().design, stepId, from, to)),
          deleteCodeFile: (stepId, name) =>
            applyCode(code.deleteCodeFile(get().design, stepId, name)),
          importCodeFiles: (stepId, files) =>
            applyCode(code.importCodeFiles(get().design, stepId, files)),
          switchToInlineCode: (stepId) => applyCode(code.switchToInlineCode(get().design, stepId)),
        };
      },
      {
        // History holds the document only; UI state and load counters are not undoable.
        partialize: (state) => ({ design: state.design }),
        equality: (past, current) => past.design === current.design,
        limit: HISTORY_LIMIT,
      },
    ),
  );
  return store;
}

/**
 * Runs `work` as one history entry, however many document writes it makes: one user command is
 * one undo step (delete = steps and links together). Nested calls join the outer transaction.
 */
export function transaction<T>(store: DesignStore, work: () => T): T {
  const history = store.temporal.getState();
  if (!history.isTracking) return work();
  const before = store.getState().design;
  history.pause();
  try {
    return work();
  } finally {
    store.temporal.getState().resume();
    if (store.getState().design !== before) {
      const { pastStates } = store.temporal.getState();
      store.temporal.setState({
        pastStates: [...pastStates, { design: before }].slice(-HISTORY_LIMIT),
        futureStates: [],
      });
    }
  }
}

export const undoCount = (store: DesignStore) => store.temporal.getState().pastStates.length;
export const undo = (store: DesignStore) => store.temporal.getState().undo();
export const redo = (store: DesignStore) => store.temporal.getState().redo();
