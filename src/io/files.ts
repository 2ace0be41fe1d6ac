import { importDefinition, isPipelineDefinition, type ObjectReader } from "../compiler";
import { loadDesignText, type Design, type LoadResult } from "../model";

export const DESIGN_FILE_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * A file opened as a design: a design file loads as it is; a SageMaker pipeline definition is
 * imported into a new design, with what it could not represent listed in `notes`.
 */
export type DesignFileResult = LoadResult | { kind: "imported"; design: Design; notes: string[] };

/**
 * Reads a dropped or picked file as a design; every failure is a result, never a throw.
 * `objectsFor` gives a definition's S3 objects (code, hyperparameter files) when it can reach them.
 */
export async function readDesignFile(
  file: Blob & { name?: string },
  objectsFor?: (definitionText: string) => Promise<ObjectReader | undefined>,
): Promise<DesignFileResult> {
  if (file.size > DESIGN_FILE_LIMIT_BYTES) {
    return {
      kind: "notADesign",
      message: `the file is ${(file.size / 1048576).toFixed(1)} MB; designs are at most 5 MB`,
    };
  }
  let text: string;
  try {
    text = await file.text();
  } catch (error) {
    return {
      kind: "notADesign",
      message: `the file cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return loadDesignText(text); // locates the syntax error
  }
  if (!isPipelineDefinition(parsed)) return loadDesignText(text);
  // Without the objects, code stays in S3 as URIs, and the notes say what that costs.
  return importedDesign(parsed, await objectsFor?.(text).catch(() => undefined));
}

function importedDesign(parsed: unknown, read: ObjectReader | undefined): DesignFileResult {
  const result = importDefinition(parsed, { read });
  if (!result.ok) {
    return {
      kind: "invalid",
      issues: result.errors.map((error) => ({ path: error.path, message: error.message })),
    };
  }
  return {
    kind: "imported",
    design: result.design,
    notes: result.notes.map((note) => `${note.path || "(definition)"}: ${note.message}`),
  };
}

export function designFileName(design: Design): string {
  return `${design.pipeline.name || "pipeline"}.pipeline.json`;
}

/** The design file's text: only the design document itself — never tokens, credentials or UI state. */
export function serializeDesign(design: Design): string {
  return `${JSON.stringify(design, null, 2)}\n`;
}

/** Human lines for a refused file, located by JSON path where there is one. */
export function describeLoadFailure(
  result: Exclude<DesignFileResult, { kind: "ok" | "imported" }>,
): string[] {
  switch (result.kind) {
    case "notADesign":
      return [`Not a pipeline design: ${result.message}`];
    case "versionTooNew":
      return [result.message];
    case "invalid":
      return result.issues.map((issue) => `${issue.path || "(file)"}: ${issue.message}`);
  }
}

export function downloadText(fileName: string, text: string, mime = "application/json"): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
