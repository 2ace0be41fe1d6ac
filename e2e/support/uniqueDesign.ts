import { expect, type Page } from "@playwright/test";
import { AwsPage } from "../pages/aws";
import { DesignerPage } from "../pages/designerPage";

let counter = 0;

/** A pipeline name no other test (or earlier run against the same emulator) has used. */
export function uniquePipelineName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${++counter}`;
}

/**
 * Opens the designer on an example under a pipeline name and S3 prefix of its own, so tests
 * sharing one emulator never see each other's pipelines or uploads: the default demo (the gated
 * PyTorch pipeline), or the PyTorch tabular one (load → preprocess → train → model, from the
 * Example chooser) for tests about that four-step pipeline's specifics.
 */
export async function openUniqueExample(
  page: Page,
  prefix = "e2e",
  example: "default" | "PyTorch tabular" = "default",
): Promise<{ designer: DesignerPage; aws: AwsPage; name: string }> {
  const designer = new DesignerPage(page);
  if (example === "PyTorch tabular") await designer.openTabularExample();
  else await designer.open();
  const name = uniquePipelineName(prefix);
  await page.evaluate((pipelineName) => {
    const design = structuredClone(window.__designer!.getDesign()) as {
      pipeline: { name: string; s3Prefix: string };
    };
    design.pipeline.name = pipelineName;
    design.pipeline.s3Prefix = pipelineName;
    window.__designer!.loadDesign(design);
  }, name);
  await expect(designer.toolbar.getByLabel("Pipeline name")).toHaveText(name);
  return { designer, aws: new AwsPage(page), name };
}
