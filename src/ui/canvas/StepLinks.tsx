import { useId } from "react";
import { stepType } from "../../catalog";
import { candidatesFor } from "../../resolver";
import type { DesignState } from "../../store/designStore";
import type { UiState } from "../../store/uiStore";
import { useDesign, useDesignerStores, useUi } from "../designerContext";

const selectDesign = (state: DesignState) => state.design;
const selectSelected = (state: UiState) => state.selectedStepIds;

/** The selected step's inputs: what feeds each, unlink, or link from an allowed source — linking without a mouse. */
export function StepLinks() {
  const design = useDesign(selectDesign);
  const selected = useUi(selectSelected);
  const stores = useDesignerStores();
  const baseId = useId();
  const step =
    selected.length === 1
      ? design.steps.find((candidate) => candidate.id === selected[0])
      : undefined;
  const definition = step && stepType(step.type);
  if (!step || !definition || definition.dependencies.length === 0) return null;
  const name = (id: string) => design.steps.find((candidate) => candidate.id === id)?.name ?? id;
  return (
    <section className="step-links" aria-label="Inputs">
      <h3>Inputs</h3>
      {definition.dependencies.map((dependency, index) => {
        const feeder = design.edges.find(
          (edge) => edge.to.step === step.id && edge.to.input === dependency.logicalName,
        );
        const id = `${baseId}-${index}`;
        if (feeder) {
          return (
            <div key={dependency.logicalName} className="step-links__row">
              <span>
                {dependency.logicalName} ← {name(feeder.from.step)}.{feeder.from.output}
              </span>
              <button
                type="button"
                aria-label={`Unlink ${dependency.logicalName}`}
                onClick={() => stores.design.getState().disconnect([feeder])}
              >
                Unlink
              </button>
            </div>
          );
        }
        const candidates = candidatesFor(design, step.id, dependency.logicalName);
        return (
          <div key={dependency.logicalName} className="step-links__row">
            <label htmlFor={id}>
              Link {dependency.logicalName}
              {dependency.required ? " *" : ""} from
            </label>
            <select
              id={id}
              value=""
              onChange={(event) => {
                const candidate = candidates[Number(event.target.value)];
                if (!candidate) return;
                const check = stores.design.getState().connect(candidate.edge);
                stores.ui
                  .getState()
                  .announce(
                    check.allowed
                      ? `Linked ${dependency.logicalName}.`
                      : `Link refused: ${check.message}`,
                  );
              }}
            >
              <option value="">
                {candidates.length === 0 ? "No compatible output" : "Choose an output…"}
              </option>
              {candidates.map((candidate, candidateIndex) => (
                <option
                  key={`${candidate.edge.from.step}.${candidate.edge.from.output}`}
                  value={candidateIndex}
                  title={candidate.explanation}
                >
                  {name(candidate.edge.from.step)}.{candidate.edge.from.output} (
                  {candidate.score.toFixed(2)})
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </section>
  );
}
