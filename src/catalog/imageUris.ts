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
  container_version?: Partial<Record<Processor, string>>;
}
interface ScopeTable {
  processors?: string[];
  version_aliases?: Record<string, string>;
  versions: Record<string, VersionEntry>;
}
export type TableScope = ImageScope | "inference_graviton";
type FrameworkTable = Partial<Record<TableScope, ScopeTable>>;

const TABLES: Record<Framework, FrameworkTable> = {
  pytorch: pytorchTable as FrameworkTable,
  sklearn: sklearnTable as FrameworkTable,
  xgboost: xgboostTable as FrameworkTable,
};

/** Instance families with NVIDIA GPUs on x86 hosts. */
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
  "gr6",
]);
const ACCELERATOR_FAMILIES = new Set(["inf1", "inf2", "trn1", "trn1n", "trn2"]);
/** AMD GPUs: the SDK counts every `g` family as "gpu" and hands out CUDA images, which cannot use them. */
const AMD_GPU_FAMILIES = new Set(["g4ad"]);
/** Graviton families with arm64 inference images (the SDK's fw_utils.GRAVITON_ALLOWED_TARGET_INSTANCE_FAMILY). */
const GRAVITON_IMAGE_FAMILIES = new Set([
  "m6g",
  "m6gd",
  "c6g",
  "c6gd",
  "c6gn",
  "c7g",
  "r6g",
  "r6gd",
]);
/** Any Graviton (arm64) family: a generation digit followed by `g` (m6g, c7gn, r7gd, g5g, …). */
const ARM_FAMILY = /^[a-z]+\d+g[a-z]*$/;

// image_uris._get_image_tag: PyTorch 1.6 GPU images on p4d get an auto-selected CUDA 11 build.
const P4D_CONTAINER_VERSIONS: Record<string, string> = {
  "1.6-gpu-py36": "cu110-ubuntu18.04-v3",
  "1.6.0-gpu-py36": "cu110-ubuntu18.04",
  "1.6-gpu-py3": "cu110-ubuntu18.04-v3",
  "1.6.0-gpu-py3": "cu110-ubuntu18.04",
};

export const INSTANCE_TYPE_PATTERN = /^ml\.[a-z0-9]+\.[a-z0-9]+$/;

const familyOf = (instanceType: string) => instanceType.split(".")[1] ?? "";

/** `ml.g5.12xlarge` → "gpu"; null for shapes that are not SageMaker instance types or need Neuron images. */
export function processorFor(instanceType: string): Processor | null {
  if (!INSTANCE_TYPE_PATTERN.test(instanceType)) return null;
  const family = familyOf(instanceType);
  if (ACCELERATOR_FAMILIES.has(family)) return null;
  return GPU_FAMILIES.has(family) ? "gpu" : "cpu";
}

/** Why no image of this framework and scope can run on the instance, or null when one can. */
function instanceRefusal(
  framework: Framework,
  scope: ImageScope,
  instanceType: string,
): string | null {
  const family = familyOf(instanceType);
  if (processorFor(instanceType) === null)
    return `"${instanceType}" is not an instance type a ${framework} image can run on`;
  if (AMD_GPU_FAMILIES.has(family))
    return `${instanceType} has AMD GPUs, which the ${framework} images (built for NVIDIA CUDA) cannot use; choose a g4dn, g5 or p3 instance, or a CPU one`;
  if (!ARM_FAMILY.test(family)) return null;
  if (scope === "training")
    return `${instanceType} is a Graviton (arm64) instance; the ${framework} ${framework === "sklearn" ? "processing" : "training"} images are x86 only — choose an x86 instance such as ml.m5.xlarge`;
  if (framework === "sklearn" || !GRAVITON_IMAGE_FAMILIES.has(family))
    return `no arm64 ${framework} inference image is published for ${instanceType}; choose one of ${[...GRAVITON_IMAGE_FAMILIES].map((f) => `ml.${f}`).join(", ")} or an x86 instance`;
  return null;
}

function scopeTable(framework: Framework, scope: TableScope): ScopeTable {
  return TABLES[framework][scope] ?? { versions: {} };
}

/** Versions the image table serves (aliases excluded), in table order. */
export function frameworkVersions(framework: Framework, scope: TableScope = "training"): string[] {
  return Object.keys(scopeTable(framework, scope).versions).filter((v) => /^\d+\.\d+/.test(v));
}

function versionEntry(
  framework: Framework,
  scope: TableScope,
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
  const { framework, scope, version, region, instanceType } = request;
  // image_uris._get_final_image_scope: inference on a Graviton family uses the arm64 table.
  const graviton =
    scope === "inference" &&
    framework !== "sklearn" &&
    GRAVITON_IMAGE_FAMILIES.has(familyOf(instanceType));
  const tableScope: TableScope = graviton ? "inference_graviton" : scope;
  const entry = versionEntry(framework, tableScope, version);
  if (!entry) {
    const versions = frameworkVersions(framework, tableScope).join(", ");
    return {
      ok: false,
      reason: "version",
      message: graviton
        ? `${framework} ${version} has no Graviton (arm64) inference image for ${instanceType}; choose one of ${versions} or an x86 instance`
        : `${framework} ${version} has no ${scope} image; choose one of ${versions}`,
    };
  }
  const account = entry.registries[region];
  if (!account)
    return {
      ok: false,
      reason: "region",
      message: `${framework} ${version} ${scope} images are not published in ${region}`,
    };
  const refusal = instanceRefusal(framework, scope, instanceType);
  if (refusal) return { ok: false, reason: "instanceType", message: refusal };
  const processor = processorFor(instanceType) as Processor;
  const declared = entry.processors ?? scopeTable(framework, tableScope).processors;
  const processors = processorsFor(framework, version, scope);
  if (!graviton && declared && !processors.includes(processor)) {
    return {
      ok: false,
      reason: "instanceType",
      message: `${framework} ${version} has no ${processor.toUpperCase()} ${scope} image for ${instanceType}`,
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
  const fullVersion = scopeTable(framework, tableScope).version_aliases?.[version] ?? version;
  const tag = imageTag(framework, fullVersion, graviton, {
    processor: declared ? processor : undefined,
    py: pyVersions ? py : undefined,
    containerVersion: entry.container_version?.[processor],
    p4d: familyOf(instanceType) === "p4d",
  });
  const domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return { ok: true, uri: `${account}.dkr.ecr.${region}.${domain}/${entry.repository}:${tag}` };
}

/** As the SDK's _get_image_tag / _format_tag: version, then processor, py version and container version where declared. */
function imageTag(
  framework: Framework,
  version: string,
  graviton: boolean,
  parts: { processor?: string; py?: string; containerVersion?: string; p4d: boolean },
): string {
  if (graviton && framework === "xgboost") return `${version}-arm64`;
  const containerVersion =
    graviton && parts.containerVersion
      ? `${parts.containerVersion}-sagemaker`
      : parts.containerVersion;
  const tag = [version, parts.processor, parts.py, containerVersion].filter(Boolean).join("-");
  const p4dSuffix = framework === "pytorch" && parts.p4d ? P4D_CONTAINER_VERSIONS[tag] : undefined;
  return p4dSuffix ? `${tag}-${p4dSuffix}` : tag;
}
