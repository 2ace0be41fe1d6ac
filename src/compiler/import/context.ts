import type { StepTypeName } from "../../catalog";
import { setEntry, type PipelineParameter } from "../../model";
import type { ObjectReader } from "./code";
import { stepReference } from "./values";

/** Something in the definition the design cannot say, or a choice the import had to make. */
export interface ImportNote {
  /** Where in the definition: `Steps[2](Train).Arguments.HyperParameters.lr`. */
  path: string;
  message: string;
}

/** A design step being rebuilt from one or more definition steps. */
export interface DraftStep {
  id: string;
  type: StepTypeName;
  name: string;
  config: Record<string, unknown>;
  /** SageMaker step names that render this step (a model step has two). */
  renderedNames: string[];
  /** The step's DependsOn, as SageMaker step names, resolved once every step exists. */
  dependsOn: { names: string[]; path: string };
  /** Completes the config once every step exists (operands name other steps). */
  finish?: (lookup: (renderedName: string) => DraftStep | undefined) => void;
}

export interface PendingEdge {
  fromName: string;
  propertyPath: string;
  toId: string;
  input: string;
  path: string;
}

export interface PipelineLocation {
  bucket: string;
  /** The S3 prefix under the bucket, without slashes at either end. */
  prefix: string;
}

/** What the step importers share: settings found so far, notes, links to resolve, code tokens. */
export class ImportContext {
  readonly notes: ImportNote[] = [];
  readonly edges: PendingEdge[] = [];
  /** Source code URIs turned into inline files → the design step they now belong to (self-check). */
  readonly inlinedCode = new Map<string, string>();
  /** Source runproc.sh URIs whose entry point was recovered → that entry point (self-check). */
  readonly recoveredRunproc = new Map<string, string>();

  constructor(
    readonly region: string,
    readonly location: PipelineLocation,
    readonly pipelineName: string,
    readonly read: ObjectReader | undefined,
    readonly parameters: readonly PipelineParameter[],
  ) {}

  /** The default of a parameter, which the compiler uses where it needs a value now (images). */
  parameterDefault(name: string | undefined): unknown {
    return this.parameters.find((parameter) => parameter.name === name)?.default;
  }

  get pipelineS3Loc(): string {
    return `s3://${this.location.bucket}${this.location.prefix ? `/${this.location.prefix}` : ""}`;
  }

  note(path: string, message: string): void {
    this.notes.push({ path, message });
  }

  /** An Environment map: its text values; any other value is noted and left out. */
  environment(value: unknown, path: string): Record<string, string> {
    const env: Record<string, string> = {};
    if (value === undefined) return env;
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.note(path, "the environment is not a map of names to text; left out");
      return env;
    }
    for (const [key, text] of Object.entries(value)) {
      if (typeof text === "string") setEntry(env, key, text);
      else this.note(`${path}.${key}`, `${key} is not text (${JSON.stringify(text)}); left out`);
    }
    return env;
  }

  /** Records the link a property reference stands for; false when `value` is not one. */
  link(value: unknown, toId: string, input: string, path: string): boolean {
    const reference = stepReference(value);
    if (!reference) return false;
    this.edges.push({
      fromName: reference.stepName,
      propertyPath: reference.propertyPath,
      toId,
      input,
      path,
    });
    return true;
  }
}
