import { error, type Design, type Diagnostic } from "../../model";
import { validateDefinitionSchema } from "./validateDefinition";

/** The design step a definition step came from: same name, or `{name}-CreateModel` / `{name}-RepackModel-0`. */
function owningStep(design: Design, stepName: string): string | undefined {
  const exact = design.steps.find((step) => step.name === stepName);
  if (exact) return exact.id;
  const owners = design.steps
    .filter((step) => step.name !== "" && stepName.startsWith(`${step.name}-`))
    .sort((a, b) => b.name.length - a.name.length);
  return owners[0]?.id;
}

/**
 * PD401 diagnostics for every place a compiled definition breaks the official SageMaker pipeline
 * definition schema (plus the overlay in src/compiler/schema/overlay.ts). The message carries the
 * location in the definition; the diagnostic points at the design step (or parameter) it came from.
 */
export function schemaDiagnostics(design: Design, definition: unknown): Diagnostic[] {
  const check = validateDefinitionSchema(definition);
  if (check.valid) return [];
  return check.errors.map((violation) => {
    const where: { stepId?: string; path?: string } = {};
    const step = /^Steps\[\d+\]\((.*?)\)(?:[.[]|$)/.exec(violation.path);
    const parameter = /^Parameters\[(\d+)\]/.exec(violation.path);
    if (step?.[1] !== undefined) {
      const stepId = owningStep(design, step[1]);
      if (stepId) where.stepId = stepId;
    } else if (parameter) {
      where.path = `pipeline.parameters[${parameter[1]}]`;
    }
    return error(
      "PD401",
      `the compiled definition breaks the SageMaker pipeline definition schema at ${violation.path}: ${violation.message}`,
      where,
    );
  });
}
