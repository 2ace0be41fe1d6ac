import { describe, expect, it } from "vitest";
import {
  pickedFromFileList,
  readCodeFolder,
  skipReasonForPath,
  summarizeSkipped,
  type PickedFile,
} from "./codeFolder";

const text = (path: string, content: string): PickedFile => ({ path, file: new Blob([content]) });

describe("importing a code folder", () => {
  it("drops the chosen folder's own name from picked paths", () => {
    const file = (name: string, relative: string) =>
      Object.assign(new File(["x"], name), { webkitRelativePath: relative }) as File;
    expect(
      pickedFromFileList([
        file("train.py", "src/train.py"),
        file("a.py", "src/pkg/a.py"),
        file("b.py", ""),
      ]).map((picked) => picked.path),
    ).toEqual(["train.py", "pkg/a.py", "b.py"]);
  });

  it("skips caches, version control, compiled and binary files, and says why", async () => {
    expect(skipReasonForPath("pkg/__pycache__/a.cpython-311.pyc")).toBe("in __pycache__");
    expect(skipReasonForPath(".git/HEAD")).toBe("in .git");
    expect(skipReasonForPath("a.pyc")).toBe("compiled Python");
    expect(skipReasonForPath("pkg/git.py")).toBeNull();
    const folder = await readCodeFolder(
      [
        text("train.py", "print('é')\n"),
        text("pkg/__init__.py", ""),
        text(".git/config", "[core]"),
        text(".git/HEAD", "ref"),
        text("__pycache__/train.cpython-311.pyc", "x"),
        { path: "model.bin", file: new Blob([new Uint8Array([1, 0, 2])]) },
        { path: "latin1.txt", file: new Blob([new Uint8Array([0xe9, 0x41])]) },
      ],
      1024,
    );
    expect(folder.files).toEqual({ "pkg/__init__.py": "", "train.py": "print('é')\n" });
    expect(folder.bytes).toBe(12);
    expect(folder.overLimit).toBe(false);
    expect(summarizeSkipped(folder.skipped)).toBe(
      "2 files in .git, 1 file in __pycache__, latin1.txt (binary), model.bin (binary)",
    );
  });

  it("a walked folder that was not entered is reported once", () => {
    expect(summarizeSkipped([{ path: ".git/", reason: "in .git" }])).toBe("the .git folder");
  });

  it("stops reading past the limit and estimates the total", async () => {
    const folder = await readCodeFolder(
      [
        text("a.py", "x".repeat(600)),
        text("b.py", "y".repeat(600)),
        text("c.py", "z".repeat(600)),
        text("huge.csv", "w".repeat(2000)),
      ],
      1000,
    );
    expect(folder.overLimit).toBe(true);
    expect(folder.bytes).toBe(1800);
    expect(Object.keys(folder.files)).toEqual(["a.py", "b.py"]);
    expect(folder.skipped).toEqual([
      { path: "huge.csv", reason: "larger than the limit by itself" },
    ]);
  });
});
