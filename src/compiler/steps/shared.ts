import {
  retrieveImageUri,
  type Framework,
  type ImageScope,
  type SageMakerStepKind,
} from "../../catalog";
import { isParameterRef, setEntry, type DiagnosticCode } from "../../model";
import type { CompileContext } from "../context";

/** `RetryPolicy.to_request()` of the SDK (workflow/retry.py). */
export interface RenderedRetryPolicy {
  BackoffRate: number;
  IntervalSeconds: number;
  MaxAttempts?: number;
  ExpireAfterMin?: number;
  ExceptionType: string[];
}

/** `PropertyFile(name, output_name, path).expr` (workflow/properties.py). */
export interface RenderedPropertyFile {
  PropertyFileName: string;
  OutputName: string;
  FilePath: string;
}

/**
 * A rendered step. Renderers give Name, Type, Arguments (and Description, PropertyFiles where
 * the SDK sets them); compile() adds DependsOn, RetryPolicies and CacheConfig and writes the keys
 * in the order `Step.to_request()` and its subclasses do (workflow/steps.py): Name, Type,
 * Arguments, DependsOn, Description, RetryPolicies, CacheConfig, PropertyFiles.
 */
export interface RenderedStep {
  Name: string;
  Type: SageMakerStepKind;
  Arguments: Record<string, unknown>;
  DependsOn?: string[];
  Description?: string;
  RetryPolicies?: RenderedRetryPolicy[];
  CacheConfig?: { Enabled: boolean; ExpireAfter: string };
  PropertyFiles?: RenderedPropertyFile[];
}

/**
 * The instance type that decides CPU vs GPU images. The SDK resolves a parameter to its
 * default value when it picks the image, so we do the same.
 */
export function concreteInstanceType(context: CompileContext, value: unknown): string {
  if (isParameterRef(value)) {
    const parameter = context.design.pipeline.parameters.find(
      (candidate) => candidate.name === value.parameter,
    );
    return typeof parameter?.default === "string" ? parameter.default : "";
  }
  return String(value);
}

/** Image URI or an exception the compiler turns into a located PD108 (validation runs first). */
export function imageUri(
  context: CompileContext,
  framework: Framework,
  scope: ImageScope,
  version: string,
  pyVersion: string | undefined,
  instanceType: string,
  instancePath = "instanceType",
): string {
  const result = retrieveImageUri({
    framework,
    scope,
    version,
    pyVersion,
    region: context.region,
    instanceType,
  });
  if (!result.ok) throw new ImageError(result.message, instancePath);
  return result.uri;
}

/** A step the SDK (or the service) would refuse, found while rendering; compile() locates it. */
export class ImageError extends Error {
  constructor(
    message: string,
    readonly path = "instanceType",
    readonly code: DiagnosticCode = "PD108",
  ) {
    super(message);
  }
}

/** Merges env maps in order, later wins, keeping first-seen key order like a Python dict update. */
export function mergeEnv(...maps: Record<string, string>[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const map of maps)
    for (const [key, value] of Object.entries(map)) setEntry(merged, key, value);
  return merged;
}
