import { memo } from "react";
import type { Diagnostic, Step } from "../../model";

/** Diagnostics as a list, each located as the Problems panel does (step name and field). */
export const DiagnosticList = memo(function DiagnosticList({
  diagnostics,
  steps,
  label,
}: {
  diagnostics: readonly Diagnostic[];
  steps: readonly Step[];
  label: string;
}) {
  const stepName = (id?: string) => steps.find((step) => step.id === id)?.name;
  return (
    <ul className="previews__diagnostics" aria-label={label}>
      {diagnostics.map((diagnostic, index) => (
        <li
          key={index}
          className={`previews__diagnostic previews__diagnostic--${diagnostic.severity}`}
        >
          <code>{diagnostic.code}</code>{" "}
          {[stepName(diagnostic.stepId), diagnostic.path].filter(Boolean).join(".") || "pipeline"}:{" "}
          {diagnostic.message}
        </li>
      ))}
    </ul>
  );
});
