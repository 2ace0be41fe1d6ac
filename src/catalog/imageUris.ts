import pytorchTable from "./data/pytorch.json";
import sklearnTable from "./data/sklearn.json";
import xgboostTable from "./data/xgboost.json";

export type Framework = "pytorch" | "sklearn" | "xgboost";
export type ImageScope = "training" | "inference";
export type Processor = "cpu" | "gpu";

interface VersionEntry {
  processors?: string[];
  py_versions?: string[];
  registries: Record<string, string>;
  repository: string;
}
interface ScopeTable {
  processors?: string[];
  version_aliases?: Record<string, string>;
  versions: Record<string, VersionEntry>;
}
type FrameworkTable = Record<ImageScope, ScopeTable>;

const TABLES: Record<Framework, FrameworkTable> = {
  pytorch: pytorchTable as FrameworkTable,
  sklearn: sklearnTable as FrameworkTable,
  xgboost: xgboostTable as FrameworkTable,
};

/** Instance families with NVIDIA GPUs; Inferentia/Trainium families are neither and are refused. */
const GPU_FAMILIES = new Set([
  "p2",
  "p3",
  "p3dn",
  "p4d",
  "p4de",
  "p5",
  "p5e",
  "p5en",
  "p6",
  "g4dn",
  "g5",
  "g6",
  "g6e",
  "g5g",
  "gr6",
]);
const ACCELERATOR_FAMILIES = new Set(["inf1", "inf2", "trn1", "trn1n", "trn2"]);

export const INSTANCE_TYPE_PATTERN = /^ml\.[a-z0-9]+\.[a-z0-9]+$/;

/** `ml.g5.12xlarge` → "gpu"; null for shapes that are not SageMaker instance types or need Neuron images. */
export function processorFor(instanceType: string): Processor | null {
  if (!INSTANCE_TYPE_PATTERN.test(instanceType)) return null;
  const family = instanceType.split(".")[1] ?? "";
  if (ACCELERATOR_FAMILIES.has(family)) return null;
  return GPU_FAMILIES.has(family) ? "gpu" : "cpu";
}

function scopeTable(framework: Framework, scope: ImageScope): ScopeTable {
  return TABLES[framework][scope];
}

/** Versions the image table serves (aliases excluded), in table order. */
export function frameworkVersions(framework: Framework, scope: ImageScope = "training"): string[] {
  return Object.keys(scopeTable(framework, scope).versions).filter((v) => /^\d+\.\d+/.test(v));
}

function versionEntry(
  framework: Framework,
  scope: ImageScope,
  version: string,
): VersionEntry | undefined {
  const table = scopeTable(framework, scope);
  const full = table.version_aliases?.[version] ?? version;
  return table.versions[full];
}

export function pyVersionsFor(
  framework: Framework,
  version: string,
  scope: ImageScope = "training",
): string[] {
  return versionEntry(framework, scope, version)?.py_versions ?? ["py3"];
}

export function processorsFor(
  framework: Framework,
  version: string,
  scope: ImageScope,
): Processor[] {
  const entry = versionEntry(framework, scope, version);
  const list = entry?.processors ?? scopeTable(framework, scope).processors ?? ["cpu"];
  return list.filter((p): p is Processor => p === "cpu" || p === "gpu");
}

export interface ImageRequest {
  framework: Framework;
  scope: ImageScope;
  version: string;
  pyVersion?: string;
  region: string;
  instanceType: string;
}

export type ImageResult =
  | { ok: true; uri: string }
  | { ok: false; reason: "version" | "pyVersion" | "region" | "instanceType"; message: string };

/** The ECR image URI the SageMaker SDK's `image_uris.retrieve` gives for the same request. */
export function retrieveImageUri(request: ImageRequest): ImageResult {
  const { framework, scope, version, region } = request;
  const entry = versionEntry(framework, scope, version);
  if (!entry) {
    return {
      ok: false,
      reason: "version",
      message: `${framework} ${version} has no ${scope} image; choose one of ${frameworkVersions(framework, scope).join(", ")}`,
    };
  }
  const account = entry.registries[region];
  if (!account)
    return {
      ok: false,
      reason: "region",
      message: `${framework} ${version} ${scope} images are not published in ${region}`,
    };
  const processor = processorFor(request.instanceType);
  if (!processor)
    return {
      ok: false,
      reason: "instanceType",
      message: `"${request.instanceType}" is not an instance type a ${framework} image can run on`,
    };
  const declared = entry.processors ?? scopeTable(framework, scope).processors;
  const processors = processorsFor(framework, version, scope);
  if (declared && !processors.includes(processor)) {
    return {
      ok: false,
      reason: "instanceType",
      message: `${framework} ${version} has no ${processor.toUpperCase()} ${scope} image for ${request.instanceType}`,
    };
  }
  const pyVersions = entry.py_versions;
  // As the SDK's _validate_py_version_and_set_if_needed: the only version is the default.
  const py = request.pyVersion ?? (pyVersions?.length === 1 ? pyVersions[0] : undefined);
  if (pyVersions && py === undefined) {
    return {
      ok: false,
      reason: "pyVersion",
      message: `${framework} ${version} needs a Python version: ${pyVersions.join(", ")}`,
    };
  }
  if (pyVersions && py !== undefined && !pyVersions.includes(py)) {
    return {
      ok: false,
      reason: "pyVersion",
      message: `${framework} ${version} supports ${pyVersions.join(", ")}, not ${py}`,
    };
  }
  const fullVersion = scopeTable(framework, scope).version_aliases?.[version] ?? version;
  // As the SDK's _format_tag: version, then processor and py version only where the table declares them.
  const tag = [fullVersion, declared ? processor : undefined, pyVersions ? py : undefined]
    .filter(Boolean)
    .join("-");
  const domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return { ok: true, uri: `${account}.dkr.ecr.${region}.${domain}/${entry.repository}:${tag}` };
}
