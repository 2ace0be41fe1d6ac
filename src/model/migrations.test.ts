import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadDesign, loadDesignText } from "./load";
import { CURRENT_VERSION, MIGRATIONS, migrate, type Migration } from "./migrations";
import { DESIGN_FORMAT } from "./schema";

type Document = Record<string, unknown>;

/**
 * A test-only upgrade path. v1 documents (of this synthetic history) name the role `role`;
 * v2 renames it to `roleArn`; v3 adds `tags`. Each migration records that it ran.
 */
function syntheticMigrations(calls: string[] = []): Migration[] {
  return [
    {
      from: 1,
      name: "rename-role-to-roleArn",
      migrate(document) {
        calls.push(`1→2 saw version ${String(document.version)}`);
        const { role, ...pipeline } = document.pipeline as Document;
        return { ...document, pipeline: { ...pipeline, roleArn: role } };
      },
    },
    {
      from: 2,
      name: "add-pipeline-tags",
      migrate(document) {
        calls.push(`2→3 saw version ${String(document.version)}`);
        const pipeline = document.pipeline as Document;
        return { ...document, pipeline: { ...pipeline, tags: { team: "ml" } } };
      },
    },
  ];
}

function syntheticV1(): Document {
  return {
    format: DESIGN_FORMAT,
    version: 1,
    pipeline: {
      name: "p",
      region: "us-east-1",
      role: "arn:aws:iam::123456789012:role/R",
      bucket: "b-bucket",
    },
    steps: [],
  };
}

describe("migrate", () => {
  it("applies v1→v2 then v2→v3, in order, and reports their names", () => {
    const calls: string[] = [];
    const result = migrate(syntheticV1(), 1, syntheticMigrations(calls), 3);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.applied).toEqual(["rename-role-to-roleArn", "add-pipeline-tags"]);
    expect(calls).toEqual(["1→2 saw version 1", "2→3 saw version 2"]);
    expect(result.document.version).toBe(3);
    expect(result.document.pipeline).toEqual({
      name: "p",
      region: "us-east-1",
      roleArn: "arn:aws:iam::123456789012:role/R",
      bucket: "b-bucket",
      tags: { team: "ml" },
    });
  });

  it("finds migrations by their `from`, not by list position", () => {
    const calls: string[] = [];
    const reversed = [...syntheticMigrations(calls)].reverse();
    const result = migrate(syntheticV1(), 1, reversed, 3);
    expect(result.ok && result.applied).toEqual(["rename-role-to-roleArn", "add-pipeline-tags"]);
    expect(calls).toEqual(["1→2 saw version 1", "2→3 saw version 2"]);
  });

  it("starts from the document's own version", () => {
    const v2 = { ...syntheticV1(), version: 2 };
    const result = migrate(v2, 2, syntheticMigrations(), 3);
    expect(result.ok && result.applied).toEqual(["add-pipeline-tags"]);
    expect(result.ok && result.document.version).toBe(3);
  });

  it("stops at the target version", () => {
    const result = migrate(syntheticV1(), 1, syntheticMigrations(), 2);
    expect(result.ok && result.applied).toEqual(["rename-role-to-roleArn"]);
    expect(result.ok && result.document.version).toBe(2);
  });

  it("applies nothing when the document is at the target version", () => {
    const document = syntheticV1();
    const result = migrate(document, 3, syntheticMigrations(), 3);
    expect(result).toEqual({ ok: true, document, applied: [] });
  });

  it("does not change the document it was given", () => {
    const document = syntheticV1();
    const before = structuredClone(document);
    migrate(document, 1, syntheticMigrations(), 3);
    expect(document).toEqual(before);
  });

  it("reports tooNew for a version above the target", () => {
    expect(migrate(syntheticV1(), 4, syntheticMigrations(), 3)).toEqual({
      ok: false,
      reason: "tooNew",
      version: 4,
    });
  });

  it("reports noPath with the version where the path breaks", () => {
    const [first] = syntheticMigrations();
    expect(migrate(syntheticV1(), 1, first ? [first] : [], 3)).toEqual({
      ok: false,
      reason: "noPath",
      version: 2,
    });
  });

  it("reports noPath at the start when the first migration is missing", () => {
    const [, second] = syntheticMigrations();
    expect(migrate(syntheticV1(), 1, second ? [second] : [], 3)).toEqual({
      ok: false,
      reason: "noPath",
      version: 1,
    });
  });

  it("defaults to the shipped list and CURRENT_VERSION", () => {
    const document = { ...syntheticV1(), version: CURRENT_VERSION };
    const result = migrate(document, CURRENT_VERSION);
    expect(result.ok && result.applied).toEqual([]);
  });
});

describe("the shipped migration list", () => {
  it("has exactly one migration per version below CURRENT_VERSION, from 1 upwards", () => {
    expect(MIGRATIONS.map((migration) => migration.from)).toEqual(
      Array.from({ length: CURRENT_VERSION - 1 }, (_, index) => index + 1),
    );
  });
});

describe("loadDesign with migrations", () => {
  it("migrates and then validates, reporting the migrations applied", () => {
    const result = loadDesign(syntheticV1(), syntheticMigrations(), 3);
    expect(result.kind).toBe("ok");
    if (result.kind !== "ok") return;
    expect(result.migrations).toEqual(["rename-role-to-roleArn", "add-pipeline-tags"]);
    expect(result.design.version).toBe(3);
    expect(result.design.pipeline.roleArn).toBe("arn:aws:iam::123456789012:role/R");
    expect(result.design.pipeline.tags).toEqual({ team: "ml" });
  });

  it("reports versionTooNew for a document above the target", () => {
    const result = loadDesign({ ...syntheticV1(), version: 4 }, syntheticMigrations(), 3);
    expect(result.kind).toBe("versionTooNew");
    if (result.kind === "versionTooNew") expect(result.supported).toBe(3);
  });

  it("reports a missing migration as invalid at path version", () => {
    const [first] = syntheticMigrations();
    const result = loadDesign(syntheticV1(), first ? [first] : [], 3);
    expect(result.kind).toBe("invalid");
    if (result.kind !== "invalid") return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.path).toBe("version");
    expect(result.issues[0]?.message).toContain("2");
  });

  it("validates the migrated document, not the original", () => {
    // Without the migrations the old `role` field is unknown to the strict schema.
    expect(loadDesign(syntheticV1()).kind).toBe("invalid");
  });
});

describe("frozen fixture tests/fixtures/migrations/v1.pipeline.json", () => {
  // Written by hand for version 1 and never regenerated: it is what a v1 file looked like.
  const path = join(
    import.meta.dirname,
    "..",
    "..",
    "tests",
    "fixtures",
    "migrations",
    "v1.pipeline.json",
  );
  const text = readFileSync(path, "utf8");
  const raw = JSON.parse(text) as Document;

  it("is a version 1 file", () => {
    expect(raw.version).toBe(1);
  });

  it("loads at CURRENT_VERSION with no migration applied", () => {
    const result = loadDesignText(text);
    expect(result.kind).toBe("ok");
    if (result.kind !== "ok") return;
    expect(result.design.version).toBe(CURRENT_VERSION);
    expect(result.migrations).toEqual([]);
  });

  it("loads as its own content with the defaults filled", () => {
    const result = loadDesignText(text);
    if (result.kind !== "ok") throw new Error(JSON.stringify(result));
    const pipeline = raw.pipeline as Document;
    const steps = raw.steps as Document[];
    expect(result.design).toEqual({
      ...raw,
      pipeline: {
        ...pipeline,
        description: "",
        cache: { enabled: true, expireAfter: "P30D" },
        tags: {},
      },
      steps: steps.map((step) => ({ position: { x: 0, y: 0 }, config: {}, ...step })),
    });
  });
});
