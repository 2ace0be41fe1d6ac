import { toAwsProblem } from "./errors";
import type { ModelPackageDetail, ModelPackageSummary, PipelineClient } from "./types";

/** One number (or value) of an evaluation report, e.g. `auc` 0.91 from `metrics.auc.value`. */
export interface ModelMetric {
  name: string;
  /** Where it sits in the report (`metrics.auc.value`). */
  path: string;
  value: number | string | boolean;
  standardDeviation?: number;
}

/** A version as the Registry view lists it: its summary, details and evaluation metrics. */
export interface RegistryVersion {
  summary: ModelPackageSummary;
  detail: ModelPackageDetail | null;
  /** Null while unknown or when there is no report to read. */
  metrics: ModelMetric[] | null;
  /** Why the details or the metrics could not be read ("NoSuchKey: …"); null when they were. */
  problem: string | null;
}

/** How many versions of a group are read in detail at once, and at most. */
const CONCURRENCY = 4;
export const VERSION_LIMIT = 50;

const isScalar = (value: unknown): value is number | string | boolean =>
  typeof value === "number" || typeof value === "string" || typeof value === "boolean";

/**
 * The metrics of an evaluation report. SageMaker's model quality reports hold each metric as
 * `{ "value": …, "standard_deviation": … }` under a section (`metrics`, `binary_classification_metrics`,
 * `regression_metrics`): such an object is one metric named by its key. Other scalar leaves are
 * metrics named by their own key. A name two paths share is spelt out with its section.
 */
export function metricsOf(report: unknown): ModelMetric[] {
  const found: ModelMetric[] = [];
  const visit = (value: unknown, path: string[]) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, [...path, String(index)]));
      return;
    }
    if (value === null || typeof value !== "object") {
      if (isScalar(value) && path.length > 0)
        found.push({ name: path.at(-1) as string, path: path.join("."), value });
      return;
    }
    const record = value as Record<string, unknown>;
    if (path.length > 0 && isScalar(record.value)) {
      const deviation = record.standard_deviation;
      found.push({
        name: path.at(-1) as string,
        path: [...path, "value"].join("."),
        value: record.value,
        ...(typeof deviation === "number" ? { standardDeviation: deviation } : {}),
      });
      return;
    }
    for (const [key, child] of Object.entries(record)) visit(child, [...path, key]);
  };
  visit(report, []);
  const counts = new Map<string, number>();
  for (const metric of found) counts.set(metric.name, (counts.get(metric.name) ?? 0) + 1);
  return found.map((metric) =>
    (counts.get(metric.name) ?? 0) > 1
      ? { ...metric, name: metric.path.replace(/\.value$/, "") }
      : metric,
  );
}

/** `s3://bucket/key` → its parts; null for anything else. */
export function parseS3Uri(uri: string): { bucket: string; key: string } | null {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri.trim());
  return match ? { bucket: match[1] as string, key: match[2] as string } : null;
}

/** Reads and parses the evaluation report a version's metrics point at. */
export async function readMetrics(client: PipelineClient, uri: string): Promise<ModelMetric[]> {
  const located = parseS3Uri(uri);
  if (!located) throw new Error(`The metrics URI ${uri} is not an s3:// URI.`);
  const body = await client.getObject(located.bucket, located.key);
  if (body === null)
    throw Object.assign(new Error(`No report at ${uri}.`), {
      name: "NoSuchKey",
      $metadata: { httpStatusCode: 404 },
    });
  let report: unknown;
  try {
    report = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw Object.assign(new Error(`The report at ${uri} is not JSON.`), { name: "InvalidReport" });
  }
  return metricsOf(report);
}

const describeProblem = (error: unknown) => {
  const problem = toAwsProblem(error);
  return `${problem.code}: ${problem.message}`;
};

/** One version's details and metrics; what could not be read is said in `problem`. */
export async function loadVersion(
  client: PipelineClient,
  summary: ModelPackageSummary,
): Promise<RegistryVersion> {
  let detail: ModelPackageDetail;
  try {
    detail = await client.describeModelPackage(summary.arn);
  } catch (error) {
    return { summary, detail: null, metrics: null, problem: describeProblem(error) };
  }
  const merged = { ...summary, ...detail };
  if (!detail.metricsUri) return { summary: merged, detail, metrics: null, problem: null };
  try {
    return {
      summary: merged,
      detail,
      metrics: await readMetrics(client, detail.metricsUri),
      problem: null,
    };
  } catch (error) {
    return { summary: merged, detail, metrics: null, problem: describeProblem(error) };
  }
}

/**
 * A group's versions, newest first, each with its details and metrics (the newest
 * VERSION_LIMIT; a few read at a time). Listing errors throw; a version that cannot be read is
 * listed with its problem.
 */
export async function loadGroupVersions(
  client: PipelineClient,
  groupName: string,
): Promise<{ versions: RegistryVersion[]; total: number }> {
  const summaries = await client.listModelPackages(groupName);
  const shown = summaries.slice(0, VERSION_LIMIT);
  const versions: RegistryVersion[] = new Array(shown.length);
  let next = 0;
  const worker = async () => {
    while (next < shown.length) {
      const index = next++;
      versions[index] = await loadVersion(client, shown[index] as ModelPackageSummary);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, shown.length) }, worker));
  return { versions, total: summaries.length };
}
