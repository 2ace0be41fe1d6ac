import type { Design } from "../model";
import type { AwsProblem } from "./types";

/** The service's own error code and message, whatever shape the SDK or the network gave us. */
export function toAwsProblem(error: unknown): AwsProblem {
  if (error && typeof error === "object") {
    const record = error as {
      name?: string;
      Code?: string;
      code?: string;
      message?: string;
      $metadata?: { httpStatusCode?: number };
      $response?: { statusCode?: number };
    };
    const status = record.$metadata?.httpStatusCode ?? record.$response?.statusCode;
    if (record.name === "TypeError" && /fetch|network/i.test(record.message ?? ""))
      return {
        code: "NetworkError",
        message: "The request did not reach AWS (network error or endpoint unreachable).",
      };
    const code = record.Code ?? record.code ?? record.name ?? "Error";
    const message =
      record.message && record.message !== "UnknownError"
        ? record.message
        : status
          ? `HTTP ${status} from the service`
          : String(error);
    return { code, message, status };
  }
  return { code: "Error", message: String(error) };
}

/** AWS says ResourceNotFound; moto says ValidationException "Could not find …" / "… does not exist". */
export function isMissingResource(problem: AwsProblem): boolean {
  return (
    problem.code === "ResourceNotFound" ||
    (problem.code === "ValidationException" &&
      /does not exist|not found|could not find/i.test(problem.message))
  );
}

/** Where in the design an AWS error points: a step, a pipeline field, or nowhere in particular. */
export interface ProblemLocation {
  stepId?: string;
  /** A pipeline-level field, e.g. "bucket", "roleArn", "name", or "parameters.<Name>". */
  pipelineField?: string;
}

/**
 * Maps a service message to the part of the design it names, so the error can be shown there:
 * step names (the definition uses them verbatim, models with -RepackModel-0/-CreateModel),
 * parameter names, the bucket and the role.
 */
export function locateProblem(design: Design, problem: AwsProblem): ProblemLocation {
  const text = problem.message;
  const byLength = [...design.steps].sort((a, b) => b.name.length - a.name.length);
  const step = byLength.find((candidate) => mentions(text, candidate.name));
  if (step) return { stepId: step.id };
  const parameter = design.pipeline.parameters.find((candidate) => mentions(text, candidate.name));
  if (parameter) return { pipelineField: `parameters.${parameter.name}` };
  if (/bucket/i.test(problem.code + text) || mentions(text, design.pipeline.bucket))
    return { pipelineField: "bucket" };
  if (/role/i.test(text) && /arn|iam|assume|pass/i.test(text)) return { pipelineField: "roleArn" };
  if (/pipeline ?name/i.test(text)) return { pipelineField: "name" };
  return {};
}

function mentions(text: string, name: string): boolean {
  if (!name) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_-])${escaped}($|[^A-Za-z0-9_])`).test(text);
}
