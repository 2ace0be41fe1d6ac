import type { PipelineClient } from "./types";

/** What the importer reads back: code archives, processing entry scripts, XGBoost hyperparameters. */
const WANTED = /(\.tar\.gz|\/runproc\.sh|\/hyperparameters\.json)$/;
const S3_URI = /s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/([^"\\\s]+)/g;
/** A definition names a handful of these; a hostile one must not make the browser fetch thousands. */
const MAX_OBJECTS = 64;
const MAX_BYTES = 5 * 1024 * 1024;

export interface DefinitionObjects {
  objects: Map<string, Uint8Array>;
  /** URIs that could not be fetched, with why: the import then notes what it could not rebuild. */
  failed: { uri: string; reason: string }[];
}

/**
 * Fetches, with the signed-in user's credentials, the S3 objects a pipeline definition names that
 * an import can use. Missing or refused objects are reported, never thrown.
 */
export async function fetchDefinitionObjects(
  client: PipelineClient,
  definitionText: string,
): Promise<DefinitionObjects> {
  const uris = new Set<string>();
  for (const match of definitionText.matchAll(S3_URI)) {
    const uri = `s3://${match[1]}/${match[2]}`;
    if (WANTED.test(uri)) uris.add(uri);
    if (uris.size >= MAX_OBJECTS) break;
  }
  const objects = new Map<string, Uint8Array>();
  const failed: DefinitionObjects["failed"] = [];
  await Promise.all(
    [...uris].map(async (uri) => {
      const [, bucket = "", key = ""] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri) ?? [];
      try {
        const bytes = await client.getObject(bucket, key);
        if (!bytes) failed.push({ uri, reason: "not found" });
        else if (bytes.length > MAX_BYTES) failed.push({ uri, reason: "larger than 5 MB" });
        else objects.set(uri, bytes);
      } catch (error) {
        failed.push({ uri, reason: error instanceof Error ? error.message : String(error) });
      }
    }),
  );
  return { objects, failed };
}
