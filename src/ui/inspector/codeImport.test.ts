import { describe, expect, it } from "vitest";
import type { PickedFile } from "../../io";
import type { CodeFiles } from "../../store/codeFiles";
import { importCodeFolder } from "./codeImport";

const picked = (files: Record<string, string | Uint8Array<ArrayBuffer>>): Promise<PickedFile[]> =>
  Promise.resolve(
    Object.entries(files).map(([path, content]) => ({ path, file: new Blob([content]) })),
  );

function target(files: CodeFiles, refuse?: string) {
  const applied: CodeFiles[] = [];
  return {
    applied,
    files: () => files,
    apply: (imported: CodeFiles) => {
      if (refuse) return { ok: false as const, message: refuse };
      applied.push(imported);
      return { ok: true as const };
    },
  };
}

describe("importing a folder into a step", () => {
  it("imports the text files as one command and says what it replaced and skipped", async () => {
    const step = target({ "train.py": "old" });
    const outcome = await importCodeFolder(
      picked({
        "train.py": "new",
        "pkg/a.py": "A = 1\n",
        "__pycache__/train.cpython-311.pyc": "x",
        "data.bin": new Uint8Array([0, 1]),
      }),
      step,
    );
    expect(step.applied).toEqual([{ "pkg/a.py": "A = 1\n", "train.py": "new" }]);
    expect(outcome).toEqual({
      text: "Imported 2 files (9 B), replacing train.py. Skipped: 1 file in __pycache__, data.bin (binary). Undo reverts the whole import.",
      error: false,
    });
  });

  it("refuses text past the limit, and passes on the store's refusal, changing nothing", async () => {
    const step = target({});
    const big = await importCodeFolder(
      picked({ "a.txt": "x".repeat(60), "b.txt": "y".repeat(60) }),
      step,
      100,
    );
    expect(big).toEqual({
      text: "Import refused: the text files come to about 120 B (120 bytes); the limit is 1 MB. Nothing was changed.",
      error: true,
    });
    expect(step.applied).toEqual([]);
    const store = await importCodeFolder(
      picked({ "a.py": "" }),
      target(
        {},
        "inline code would be 1.20 MB (1,258,291 bytes); the limit is 1 MB (1,048,576 bytes)",
      ),
    );
    expect(store.error).toBe(true);
    expect(store.text).toMatch(
      /^Import refused: inline code would be 1\.20 MB .*Nothing was changed\.$/,
    );
  });

  it("says when there is nothing to import", async () => {
    expect(await importCodeFolder(picked({}), target({}))).toMatchObject({
      error: true,
      text: "Nothing to import: no files were chosen.",
    });
    expect(await importCodeFolder(picked({ "x.pyc": "" }), target({}))).toMatchObject({
      error: true,
      text: "Nothing imported: no text files. Skipped: x.pyc (compiled Python).",
    });
    expect(await importCodeFolder(Promise.reject(new Error("denied")), target({}))).toMatchObject({
      error: true,
      text: "Import failed: denied.",
    });
  });
});
