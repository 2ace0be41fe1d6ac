import type { ImportNote, PipelineLocation } from "./context";
import { jsonString } from "./training";
import { arrayAt, isObject, joinValues, objectAt, type JsonObject } from "./values";

export interface FoundLocation {
  name: string;
  location: PipelineLocation;
  notes: ImportNote[];
}

const CODE_KEY = /(s3:\/\/[^"\\]+?)\/code\/([^/"\\]+)\/[0-9a-f]{64}\//g;
const SDK_CODE_KEY = /s3:\/\/[^"\\]+?\/([A-Za-z0-9-]+)\/code\/[0-9a-f]{64}\//g;

function splitLocation(uri: string): PipelineLocation {
  const [bucket = "", ...rest] = uri.slice("s3://".length).split("/");
  return { bucket, prefix: rest.join("/") };
}

/**
 * The pipeline's name, bucket and S3 prefix — settings a definition does not state — read back
 * from the paths the compiler and the SDK derive from them: training output paths
 * (`{loc}/{framework}_training`), XGBoost hyperparameter files, repack outputs, code archive keys
 * and the default processing output joins (`s3:/ / bucket / [prefix] / name / execution id / …`).
 */
export function inferLocation(steps: JsonObject[], givenName?: string): FoundLocation {
  const locations: string[] = [];
  const names: string[] = [];
  let joined: { bucket: string; prefix: string; name: string } | undefined;
  const anyBuckets: string[] = [];
  for (const step of steps) {
    const name = String(step.Name);
    const args = objectAt(step, "Arguments") ?? {};
    const text = JSON.stringify(args);
    for (const match of text.matchAll(/s3:\/\/([a-z0-9][a-z0-9.-]*[a-z0-9])/g))
      anyBuckets.push(match[1] as string);
    // Step names are the user's: matched as text after a fixed pattern, never built into one.
    const output = objectAt(args, "OutputDataConfig")?.S3OutputPath;
    if (typeof output === "string") {
      const training = /^(s3:\/\/.+)\/(pytorch|xgboost)_training$/.exec(output);
      const repack = /^(s3:\/\/.+)\/repack\/([^/]+)$/.exec(output);
      if (training) locations.push(training[1] as string);
      if (repack && `${repack[2]}-RepackModel-0` === name) locations.push(repack[1] as string);
    }
    const file = jsonString(objectAt(args, "HyperParameters")?.hyperparameters_s3_uri) ?? "";
    const hyperparameters = /^(s3:\/\/.+)\/hyperparameters\/([^/]+)\/hyperparameters\.json$/.exec(
      file,
    );
    if (hyperparameters && hyperparameters[2] === name)
      locations.push(hyperparameters[1] as string);
    for (const match of text.matchAll(CODE_KEY)) {
      // Ours: {loc}/code/{step name}/{hash}/…; the SDK's: s3://{bucket}/[{prefix}/]{pipeline}/code/{hash}/…
      if (match[2] === name) locations.push(match[1] as string);
    }
    for (const match of text.matchAll(SDK_CODE_KEY)) names.push(match[1] as string);
    for (const out of arrayAt(objectAt(args, "ProcessingOutputConfig"), "Outputs").filter(
      isObject,
    )) {
      const values = joinValues(objectAt(out, "S3Output")?.S3Uri, "/");
      const execution =
        values?.findIndex(
          (value) => isObject(value) && value.Get === "Execution.PipelineExecutionId",
        ) ?? -1;
      if (!values || values[0] !== "s3:/" || execution < 3 || joined) continue;
      const segments = values.slice(1, execution);
      if (!segments.every((segment) => typeof segment === "string")) continue;
      const [bucket, ...rest] = segments as string[];
      joined = { bucket: bucket as string, name: rest.pop() as string, prefix: rest.join("/") };
    }
  }
  const notes: ImportNote[] = [];
  const name = givenName ?? joined?.name ?? names[0] ?? "imported-pipeline";
  if (!givenName && !joined && !names[0])
    notes.push({
      path: "",
      message: `the definition does not say the pipeline's name; it is "${name}" — rename it in the pipeline settings`,
    });
  if (locations[0]) return { name, location: splitLocation(locations[0]), notes };
  if (joined)
    return { name, location: { bucket: joined.bucket, prefix: joined.prefix || name }, notes };
  const bucket = anyBuckets[0] ?? "";
  notes.push({
    path: "",
    message: bucket
      ? `the pipeline's S3 location is not derivable; assumed s3://${bucket}/${name} — check the bucket and S3 prefix`
      : "no S3 location in the definition: set the bucket in the pipeline settings",
  });
  return { name, location: { bucket, prefix: name }, notes };
}
