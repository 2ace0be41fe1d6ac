// Benchmark designs of any size, built from the two bundled examples (data load → preprocessing →
// training → model, inline scripts included): each chain alternates PyTorch and XGBoost, so every
// one of the six step types and every link kind appears in the mix, and every chain is one the
// SDK oracle already renders like us. Chains sit on a roughly square grid, one chain per cell.
import { readFileSync } from "node:fs";
import { join } from "node:path";

interface ExampleStep {
  id: string;
  type: string;
  name: string;
  position: { x: number; y: number };
  config: Record<string, unknown>;
}
interface ExampleEdge {
  from: { step: string; output: string };
  to: { step: string; input: string };
}
interface ExampleDesign {
  pipeline: Record<string, unknown> & { parameters: { name: string }[] };
  steps: ExampleStep[];
  edges: ExampleEdge[];
}

const examplesDir = join(import.meta.dirname, "..", "examples");
const readExample = (file: string) =>
  JSON.parse(readFileSync(join(examplesDir, file), "utf8")) as ExampleDesign;
const CHAINS = [
  readExample("pytorch-tabular.pipeline.json"),
  readExample("xgboost-tabular.pipeline.json"),
];

/** Grid pitch in flow units: a step node is about 240 × 150. */
const COLUMN = 320;
const ROW = 220;
const CHAIN_GAP = 160;

/** Appends a comment naming the chain to every inline script, so no two chains share an archive. */
function tagCode(config: Record<string, unknown>, tag: string): Record<string, unknown> {
  const code = config.code as { files?: Record<string, string> } | undefined;
  if (!code?.files) return config;
  const files = Object.fromEntries(
    Object.entries(code.files).map(([name, text]) => [
      name,
      name.endsWith(".py") ? `${text}\n# ${tag}\n` : text,
    ]),
  );
  return { ...config, code: { ...code, files } };
}

/**
 * A design file (plain JSON, as loadDesign takes it) with exactly `size` steps. With `codeTag`,
 * every chain's scripts differ (as in a real design, and so nothing is packed twice); without,
 * the chains share the examples' scripts.
 */
export function benchDesign(size: number, codeTag?: string): unknown {
  const chainLength = CHAINS[0]!.steps.length;
  const chainCount = Math.ceil(size / chainLength);
  const chainWidth = chainLength * COLUMN + CHAIN_GAP;
  // Square in flow units, so fitting the whole design zooms about as far in both directions.
  const perRow = Math.max(1, Math.round(Math.sqrt((chainCount * ROW) / chainWidth)));
  const steps: ExampleStep[] = [];
  const edges: ExampleEdge[] = [];
  for (let chain = 0; chain < chainCount; chain++) {
    const example = CHAINS[chain % CHAINS.length]!;
    const ids = new Map<string, string>();
    const origin = { x: (chain % perRow) * chainWidth, y: Math.floor(chain / perRow) * ROW };
    example.steps.forEach((step, index) => {
      if (steps.length === size) return;
      const id = `c${chain}-${step.id}`;
      ids.set(step.id, id);
      steps.push({
        ...step,
        id,
        name: `${step.name}-${chain}`,
        position: { x: origin.x + index * COLUMN, y: origin.y },
        config: codeTag ? tagCode(step.config, `${codeTag} chain ${chain}`) : step.config,
      });
    });
    for (const edge of example.edges) {
      const from = ids.get(edge.from.step);
      const to = ids.get(edge.to.step);
      if (from && to)
        edges.push({ from: { ...edge.from, step: from }, to: { ...edge.to, step: to } });
    }
  }
  const parameters = [
    ...new Map(
      CHAINS.flatMap((example) => example.pipeline.parameters).map((p) => [p.name, p]),
    ).values(),
  ];
  return {
    format: "sagemaker-pipeline-design",
    version: 1,
    pipeline: {
      ...CHAINS[0]!.pipeline,
      name: `bench-${size}`,
      s3Prefix: `bench-${size}`,
      description: `benchmark design: ${size} steps in ${chainCount} chains`,
      parameters,
    },
    steps,
    edges,
  };
}

/** The step whose Instance count the edit-latency benchmark changes: a processing step mid-design. */
export function editedStepId(size: number): string {
  const chains = Math.ceil(size / CHAINS[0]!.steps.length);
  return `c${Math.floor(chains / 2)}-load`;
}
