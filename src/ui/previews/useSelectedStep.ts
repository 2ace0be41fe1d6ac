import { useMemo } from "react";
import { stepType, type StepTypeDefinition } from "../../catalog";
import type { Step } from "../../model";
import type { DesignState } from "../../store/designStore";
import type { UiState } from "../../store/uiStore";
import { useDesign, useUi } from "../designerContext";

/** What the previews show: the one selected step, if exactly one is selected. */
export interface SelectedStep {
  /** How many steps are selected. */
  count: number;
  step: Step | null;
  definition: StepTypeDefinition<Record<string, unknown>> | undefined;
  isTraining: boolean;
}

const selectSelectedIds = (state: UiState) => state.selectedStepIds;
const selectSteps = (state: DesignState) => state.design.steps;

export function useSelectedStep(): SelectedStep {
  const ids = useUi(selectSelectedIds);
  const steps = useDesign(selectSteps);
  return useMemo(() => {
    const step = ids.length === 1 ? (steps.find((found) => found.id === ids[0]) ?? null) : null;
    const definition = step ? stepType(step.type) : undefined;
    return {
      count: ids.length,
      step,
      definition,
      isTraining: definition?.sagemakerKind === "Training",
    };
  }, [ids, steps]);
}

/** The sentence shown instead of a training preview, or null when a training step is selected. */
export function trainingSelectionHint(selected: SelectedStep, what: string): string | null {
  if (selected.count === 0) return `Select a training step on the canvas to see its ${what}.`;
  if (!selected.step) return `Select a single training step to see its ${what}.`;
  if (!selected.isTraining)
    return `${selected.step.name} is a ${selected.definition?.displayName ?? selected.step.type} step; only training steps have ${what}.`;
  return null;
}
