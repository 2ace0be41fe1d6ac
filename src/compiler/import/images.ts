import {
  type StepTypeName,
  frameworkVersions,
  pyVersionsFor,
  retrieveImageUri,
  type Framework,
  type ImageScope,
  type TableScope,
} from "../../catalog";

export interface ImageMatch {
  framework: Framework;
  frameworkVersion: string;
  pyVersion: string;
  /** The instance type that reproduces the image (for a model, one picked to do so). */
  instanceType: string;
}

/** `….dkr.ecr.eu-west-1.amazonaws.com/…` → "eu-west-1". */
export function imageRegion(image: string): string | undefined {
  return /\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?\//.exec(image)?.[1];
}

/** Which framework an image URI's repository belongs to, by the SDK's repository names. */
export function imageFramework(image: string): Framework | undefined {
  const repository = image.split("/").pop()?.split(":")[0] ?? "";
  // Old PyTorch versions (before 1.2 or so) use one repository for training and inference.
  if (repository.startsWith("pytorch-") || repository === "sagemaker-pytorch") return "pytorch";
  if (repository.startsWith("sagemaker-xgboost")) return "xgboost";
  if (repository.startsWith("sagemaker-scikit-learn")) return "sklearn";
  return undefined;
}

/** Which of `types` (one per framework) an image URI runs, when it runs one of them. */
export function stepTypeOfImage(
  image: string,
  types: Partial<Record<Framework, StepTypeName>>,
): { framework: Framework; type: StepTypeName } | undefined {
  const framework = imageFramework(image);
  const type = framework && types[framework];
  return framework && type ? { framework, type } : undefined;
}

// A model's instance type is not in the definition; one of these gives each kind of image.
const MODEL_INSTANCE_CANDIDATES = [
  "ml.m5.large",
  "ml.g5.xlarge",
  "ml.p4d.24xlarge",
  "ml.c6g.large",
  "ml.m6g.large",
  "ml.c7g.large",
  "ml.r6g.large",
  "ml.t4g.large",
];

/**
 * The framework version, Python version (and for a model, an instance type) whose image URI the
 * SDK would give, found by asking the same image tables the compiler uses: the image is
 * reproduced exactly, never parsed by guesswork.
 */
export function matchImage(
  image: string,
  framework: Framework,
  scope: ImageScope,
  region: string,
  instanceTypes: readonly string[],
): ImageMatch | undefined {
  const candidates = instanceTypes.length > 0 ? instanceTypes : MODEL_INSTANCE_CANDIDATES;
  const tables: TableScope[] =
    scope === "inference" ? ["inference", "inference_graviton"] : [scope];
  const versions = new Set(tables.flatMap((table) => frameworkVersions(framework, table)));
  for (const instanceType of candidates) {
    for (const version of versions) {
      for (const pyVersion of [...pyVersionsFor(framework, version, scope), undefined]) {
        const result = retrieveImageUri({
          framework,
          scope,
          version,
          pyVersion,
          region,
          instanceType,
        });
        if (result.ok && result.uri === image)
          return {
            framework,
            frameworkVersion: version,
            pyVersion: pyVersion ?? "py3",
            instanceType,
          };
      }
    }
  }
  return undefined;
}
