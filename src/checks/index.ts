import { compile, validateDesign } from "../compiler";
import type { Design, Diagnostic } from "../model";
import {
  handlerFindings,
  metricFindings,
  modelFileFindings,
  specAlignmentFindings,
} from "./alignmentChecks";
import { toDiagnostic, type Finding, type StepScripts } from "./context";
import {
  envFindings,
  pathFindings,
  portFindings,
  trainingContractFindings,
} from "./contractChecks";
import type { CheckContext } from "./contents";
import { designFindings } from "./designChecks";
import { evaluationFindings } from "./evaluationChecks";
import { hyperparameterFindings } from "./hyperparameterChecks";
import { pytorchPatternFindings, xgboostPatternFindings } from "./patternChecks";
import { MODEL_DIR, stepProvisions, type StepProvision } from "./provision";
import { readScript, type ScriptFacts } from "./scriptFacts";
import { upstreamFindings } from "./upstreamChecks";
import type { PythonParser, SyntaxNode } from "./syntax";
import { parameterName } from "./bindings";

export type { PythonParser } from "./syntax";
export { diagnose, type CheckName, type Diagnosis, type Findings } from "./diagnose";

/** SageMaker calls `model_fn(model_dir)` with the model directory. */
function inferenceSeeds(root: SyntaxNode): Record<string, string> {
  for (const definition of root.namedChildren) {
    const node =
      definition?.type === "decorated_definition"
        ? definition.childForFieldName("definition")
        : definition;
    if (node?.type !== "function_definition" || node.childForFieldName("name")?.text !== "model_fn")
      continue;
    const name = parameterName(node.childForFieldName("parameters")?.namedChild(0) ?? null);
    return name ? { [name]: MODEL_DIR } : {};
  }
  return {};
}

function stepFindings(step: StepScripts, context: CheckContext): Finding[] {
  const { role, profile, resolved } = step.provision;
  const syntax = step.scripts.flatMap((script): Finding[] =>
    script.syntaxError
      ? [
          {
            code: "PD501",
            severity: "error",
            message: "this line is not valid Python",
            file: script.file,
            place: script.syntaxError,
          },
        ]
      : [],
  );
  // What a broken file does is a guess; the other checks would only add noise until it parses.
  if (syntax.length > 0) return syntax;
  const findings: Finding[] = [
    ...specAlignmentFindings(resolved.definition, profile),
    ...pathFindings(step),
    ...envFindings(step),
    ...portFindings(step),
    ...upstreamFindings(step, context),
  ];
  switch (role) {
    case "training":
      findings.push(
        ...trainingContractFindings(step),
        ...(profile.patterns === "xgboost"
          ? xgboostPatternFindings(step)
          : pytorchPatternFindings(step)),
        ...hyperparameterFindings(step),
        ...metricFindings(step),
      );
      break;
    case "inference": {
      const id = resolved.step.id;
      const edge = step.design.edges.find(
        (candidate) => candidate.to.step === id && candidate.to.input === "model_data",
      );
      findings.push(
        ...handlerFindings(step),
        ...modelFileFindings(step, edge && context.scripts.get(edge.from.step)),
      );
      break;
    }
    case "evaluation":
      findings.push(...evaluationFindings(step, resolved, context));
      break;
    case "processing":
      break;
  }
  return findings;
}

function readStep(design: Design, parser: PythonParser, provision: StepProvision): StepScripts {
  const names = Object.keys(provision.files)
    .filter((name) => name.endsWith(".py"))
    .sort((a, b) =>
      a === provision.entryPoint ? -1 : b === provision.entryPoint ? 1 : a < b ? -1 : 1,
    );
  const seeds = provision.role === "inference" ? inferenceSeeds : undefined;
  const scripts = names.map((name) =>
    readScript(parser, name, provision.files[name] as string, seeds),
  );
  return {
    design,
    provision,
    scripts,
    entry: scripts.find((script) => script.file === provision.entryPoint),
  };
}

/**
 * The script checks of every step with inline code (DESIGN.md §1 `src/checks`): contract paths
 * and env, framework patterns, hyperparameters, spec ↔ design alignment incl. metric regexes,
 * and across steps what each link brings (the preprocessing splits, the model archive's files,
 * the evaluation report's metrics the conditions read). Each finding is located in its file
 * (`file`, `line`, `column`) where it has a line, or on the config field it concerns.
 */
export function checkScripts(design: Design, parser: PythonParser): Diagnostic[] {
  const { resolved } = validateDesign(design);
  const provisions = stepProvisions(design, resolved, compile(design));
  // Without its entry point among the files a step has PD104, and nothing here to judge.
  const steps = provisions
    .filter(
      (provision) =>
        provision.entryPoint.endsWith(".py") && provision.entryPoint in provision.files,
    )
    .map((provision) => readStep(design, parser, provision));
  const context: CheckContext = {
    resolved,
    scripts: new Map(steps.map((step) => [step.provision.resolved.step.id, step])),
  };
  return [
    ...steps.flatMap((step) =>
      stepFindings(step, context).map((finding) => toDiagnostic(step, finding)),
    ),
    ...designFindings(design, context),
  ];
}

export type { ScriptFacts };
