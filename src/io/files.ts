import { loadDesignText, type Design, type LoadResult } from "../model";

export const DESIGN_FILE_LIMIT_BYTES = 5 * 1024 * 1024;

/** Reads a dropped or picked file as a design; every failure is a LoadResult, never a throw. */
export async function readDesignFile(file: Blob & { name?: string }): Promise<LoadResult> {
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
  return loadDesignText(text);
}

export function designFileName(design: Design): string {
  return `${design.pipeline.name || "pipeline"}.pipeline.json`;
}

/** The design file's text: only the design document itself — never tokens, credentials or UI state. */
export function serializeDesign(design: Design): string {
  return `${JSON.stringify(design, null, 2)}\n`;
}

/** Human lines for a refused file, located by JSON path where there is one. */
export function describeLoadFailure(result: Exclude<LoadResult, { kind: "ok" }>): string[] {
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
