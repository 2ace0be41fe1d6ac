import { diagnosticPlace, type Design, type Diagnostic } from "../model";

/** The diagnostics list, each located as the CLI prints it (step and field, or file:line:column). */
export function ProblemsPanel({
  design,
  diagnostics,
}: {
  design: Design;
  diagnostics: readonly Diagnostic[];
}) {
  const stepName = (id?: string) => design.steps.find((step) => step.id === id)?.name;
  return (
    <aside className="problems" aria-label="Problems" id="problems-panel" tabIndex={-1}>
      <h2>Problems</h2>
      {diagnostics.length === 0 ? (
        <p className="problems__none">No problems: the pipeline compiles.</p>
      ) : (
        <ul>
          {diagnostics.map((diagnostic, index) => (
            <li key={index} className={`problem problem--${diagnostic.severity}`}>
              <code>{diagnostic.code}</code>{" "}
              {diagnosticPlace(stepName(diagnostic.stepId), diagnostic)}: {diagnostic.message}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
