import { useId } from "react";
import { stepType } from "../../catalog";
import { BRANCH_INPUT, BRANCH_OUTPUTS, isBranchOutput, type Design, type Edge } from "../../model";
import { BRANCH_LABELS, candidatesFor, checkLink, isConditionStep, layoutOf } from "../../resolver";
import type { DesignState } from "../../store/designStore";
import type { UiState } from "../../store/uiStore";
import { useDesign, useDesignerStores, useUi } from "../designerContext";

const selectDesign = (state: DesignState) => state.design;
const selectSelected = (state: UiState) => state.selectedStepIds;

/**
 * The selected step's inputs: what feeds each, unlink, or link from an allowed source — linking
 * without a mouse. Also which branch the step runs in ("Run in branch"), and for a condition the
 * steps of each of its branches.
 */
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
  if (!step || !definition) return null;
  const name = (id: string) => design.steps.find((candidate) => candidate.id === id)?.name ?? id;
  const connect = (edge: Edge, said: string) => {
    const check = stores.design.getState().connect(edge);
    stores.ui.getState().announce(check.allowed ? said : `Link refused: ${check.message}`);
  };
  return (
    <>
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
                  if (candidate) connect(candidate.edge, `Linked ${dependency.logicalName}.`);
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
        <RunInBranch design={design} stepId={step.id} connect={connect} />
      </section>
      {isConditionStep(step) && <ConditionBranches design={design} conditionId={step.id} />}
    </>
  );
}

/** "Run in branch": the condition branch the step runs in, or a picker of those that may take it. */
function RunInBranch({
  design,
  stepId,
  connect,
}: {
  design: Design;
  stepId: string;
  connect: (edge: Edge, said: string) => void;
}) {
  const stores = useDesignerStores();
  const id = useId();
  const name = (stepOf: string) =>
    design.steps.find((candidate) => candidate.id === stepOf)?.name ?? stepOf;
  const feeder = design.edges.find(
    (edge) => edge.to.step === stepId && edge.to.input === BRANCH_INPUT,
  );
  if (feeder) {
    const label = isBranchOutput(feeder.from.output)
      ? `"${BRANCH_LABELS[feeder.from.output]}" of ${name(feeder.from.step)}`
      : `${name(feeder.from.step)}.${feeder.from.output}`;
    return (
      <div className="step-links__row step-links__branch">
        <span>Runs in branch {label}</span>
        <button
          type="button"
          aria-label="Remove from branch"
          onClick={() => stores.design.getState().disconnect([feeder])}
        >
          Remove from branch
        </button>
      </div>
    );
  }
  // A step downstream of a branch member runs in that branch without a link of its own.
  const inherited = design.edges.some((edge) => isBranchOutput(edge.from.output))
    ? layoutOf(design).branchOf.get(stepId)
    : undefined;
  const conditions = design.steps.filter(
    (candidate) => isConditionStep(candidate) && candidate.id !== stepId,
  );
  const offered = conditions.flatMap((condition) =>
    BRANCH_OUTPUTS.map((output) => {
      const edge: Edge = {
        from: { step: condition.id, output },
        to: { step: stepId, input: BRANCH_INPUT },
      };
      return { edge, check: checkLink(design, edge) };
    }),
  );
  const anyAllowed = offered.some(({ check }) => check.allowed);
  return (
    <div className="step-links__row step-links__branch">
      <label htmlFor={id}>Run in branch</label>
      <select
        id={id}
        value=""
        onChange={(event) => {
          const chosen = offered[Number(event.target.value)];
          if (chosen)
            connect(chosen.edge, chosen.check.allowed ? `${chosen.check.explanation}.` : "Linked.");
        }}
      >
        <option value="">
          {conditions.length === 0
            ? isConditionStep(design.steps.find((candidate) => candidate.id === stepId))
              ? "No other condition in the design"
              : "No condition in the design"
            : !anyAllowed
              ? "No branch can take this step"
              : inherited
                ? `Top level (now in "${BRANCH_LABELS[inherited.branch]}" of ${name(inherited.condition)} through its inputs)`
                : "Top level (choose a branch…)"}
        </option>
        {offered.map(({ edge, check }, index) => (
          <option
            key={`${edge.from.step}.${edge.from.output}`}
            value={index}
            disabled={!check.allowed}
            title={check.allowed ? check.explanation : check.message}
          >
            {name(edge.from.step)}: {BRANCH_LABELS[edge.from.output as "if_true"]}
            {check.allowed ? "" : ` — ${check.message}`}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A condition's branches: the steps each runs (select one to open it), and adding steps to either. */
function ConditionBranches({ design, conditionId }: { design: Design; conditionId: string }) {
  const stores = useDesignerStores();
  const baseId = useId();
  const members = layoutOf(design).members.get(conditionId) ?? { if_true: [], if_false: [] };
  const name = (id: string) => design.steps.find((candidate) => candidate.id === id)?.name ?? id;
  return (
    <section className="step-links" aria-label="Branches">
      <h3>Branches</h3>
      {BRANCH_OUTPUTS.map((output) => {
        const label = BRANCH_LABELS[output];
        const direct = new Map(
          design.edges
            .filter((edge) => edge.from.step === conditionId && edge.from.output === output)
            .map((edge) => [edge.to.step, edge]),
        );
        const candidates = design.steps.filter((candidate) => {
          if (candidate.id === conditionId || members[output].includes(candidate.id)) return false;
          return checkLink(design, {
            from: { step: conditionId, output },
            to: { step: candidate.id, input: BRANCH_INPUT },
          }).allowed;
        });
        const pickerId = `${baseId}-${output}`;
        return (
          <div key={output} className="step-links__group">
            <h4>{label[0]!.toUpperCase() + label.slice(1)}</h4>
            {members[output].length === 0 ? (
              <p className="step-links__empty">No steps yet.</p>
            ) : (
              <ul className="step-links__members" aria-label={`Steps run ${label}`}>
                {members[output].map((member) => {
                  const edge = direct.get(member);
                  return (
                    <li key={member}>
                      <button
                        type="button"
                        className="step-links__member"
                        title={`Select ${name(member)}`}
                        onClick={() => stores.ui.getState().select([member])}
                      >
                        {name(member)}
                      </button>
                      {edge ? (
                        <button
                          type="button"
                          aria-label={`Remove ${name(member)} from ${label}`}
                          onClick={() => stores.design.getState().disconnect([edge])}
                        >
                          Remove
                        </button>
                      ) : (
                        <span className="step-links__via">(follows a step of the branch)</span>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
            <div className="step-links__row">
              <label htmlFor={pickerId}>Add a step to {label}</label>
              <select
                id={pickerId}
                value=""
                onChange={(event) => {
                  const target = candidates[Number(event.target.value)];
                  if (!target) return;
                  const check = stores.design.getState().connect({
                    from: { step: conditionId, output },
                    to: { step: target.id, input: BRANCH_INPUT },
                  });
                  stores.ui
                    .getState()
                    .announce(
                      check.allowed ? `${check.explanation}.` : `Link refused: ${check.message}`,
                    );
                }}
              >
                <option value="">
                  {candidates.length === 0 ? "No step can join" : "Choose a step…"}
                </option>
                {candidates.map((candidate, index) => (
                  <option key={candidate.id} value={index}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            </div>
          </div>
        );
      })}
    </section>
  );
}
