import { describe, expect, it } from "vitest";
import { referenceDesign } from "../../tests/support/designs";
import { INLINE_CODE_LIMIT_BYTES } from "../catalog";
import { codeFileNameProblem, inlineCodeBytes, sizeProblem } from "./codeFiles";
import { createDesignStore, redo, undo } from "./designStore";

function fresh() {
  return createDesignStore(referenceDesign());
}

const history = (store: ReturnType<typeof fresh>) => store.temporal.getState().pastStates.length;
const stepOf = (store: ReturnType<typeof fresh>, id: string) =>
  store.getState().design.steps.find((step) => step.id === id)!;
const filesOf = (store: ReturnType<typeof fresh>, id: string) =>
  (stepOf(store, id).config.code as { files: Record<string, string> }).files;

describe("inline code file names", () => {
  it("accepts relative paths and refuses escapes, absolute paths and clashes", () => {
    expect(codeFileNameProblem("pkg/util.py", ["train.py"])).toBeNull();
    expect(codeFileNameProblem("", [])).toMatch(/enter a file name/);
    expect(codeFileNameProblem("/etc/passwd", [])).toMatch(/relative/);
    expect(codeFileNameProblem("../secret.py", [])).toMatch(/\.\./);
    expect(codeFileNameProblem("a/../../b.py", [])).toMatch(/\.\./);
    expect(codeFileNameProblem("a//b.py", [])).toMatch(/empty/);
    expect(codeFileNameProblem("./b.py", [])).toMatch(/empty or \./);
    expect(codeFileNameProblem("dir\\b.py", [])).toMatch(/use \//);
    expect(codeFileNameProblem(" b.py", [])).toMatch(/spaces/);
    expect(codeFileNameProblem("train.py", ["train.py"])).toMatch(/already exists/);
    expect(codeFileNameProblem("pkg", ["pkg/util.py"])).toMatch(/folder/);
    expect(codeFileNameProblem("train.py/x.py", ["train.py"])).toMatch(/is a file/);
  });

  it("measures UTF-8 bytes and refuses only growth past 1 MB", () => {
    expect(inlineCodeBytes({ "a.py": "é", "b.py": "abc" })).toBe(5);
    expect(sizeProblem(10, INLINE_CODE_LIMIT_BYTES)).toBeNull();
    expect(sizeProblem(10, INLINE_CODE_LIMIT_BYTES + 1)).toBe(
      "inline code would be 1.00 MB (1,048,577 bytes); the limit is 1 MB (1,048,576 bytes)",
    );
    // Code already over the limit may shrink, so it can be fixed.
    expect(sizeProblem(INLINE_CODE_LIMIT_BYTES + 9, INLINE_CODE_LIMIT_BYTES + 5)).toBeNull();
  });
});

describe("code file commands", () => {
  it("an edit is one undo step; an unchanged text records nothing", () => {
    const store = fresh();
    expect(store.getState().setCodeFile("train", "train.py", "print('hi')\n")).toEqual({
      ok: true,
    });
    expect(filesOf(store, "train")["train.py"]).toBe("print('hi')\n");
    expect(history(store)).toBe(1);
    store.getState().setCodeFile("train", "train.py", "print('hi')\n");
    expect(history(store)).toBe(1);
    undo(store);
    expect(filesOf(store, "train")["train.py"]).not.toBe("print('hi')\n");
    redo(store);
    expect(filesOf(store, "train")["train.py"]).toBe("print('hi')\n");
  });

  it("adds a file under a checked name, refusing a taken or escaping one", () => {
    const store = fresh();
    expect(store.getState().addCodeFile("train", "utils/io.py")).toEqual({ ok: true });
    expect(filesOf(store, "train")).toHaveProperty(["utils/io.py"], "");
    expect(store.getState().addCodeFile("train", "utils/io.py")).toMatchObject({
      ok: false,
      message: '"utils/io.py" already exists',
    });
    expect(store.getState().setCodeFile("train", "../x.py", "")).toMatchObject({ ok: false });
    expect(history(store)).toBe(1);
  });

  it("renaming the entry point moves entryPoint with it, in one undo step", () => {
    const store = fresh();
    expect(store.getState().renameCodeFile("train", "train.py", "main.py")).toEqual({ ok: true });
    expect(Object.keys(filesOf(store, "train"))).toEqual(["main.py"]);
    expect(stepOf(store, "train").config.entryPoint).toBe("main.py");
    expect(history(store)).toBe(1);
    undo(store);
    expect(Object.keys(filesOf(store, "train"))).toEqual(["train.py"]);
    expect(stepOf(store, "train").config.entryPoint).toBeUndefined();
  });

  it("renaming another file keeps the entry point and the file order", () => {
    const store = fresh();
    store.getState().renameCodeFile("prep", "tabular_preprocessing.py", "prep.py");
    store.getState().renameCodeFile("prep", "requirements.txt", "reqs/requirements.txt");
    expect(Object.keys(filesOf(store, "prep"))).toEqual(["prep.py", "reqs/requirements.txt"]);
    expect(stepOf(store, "prep").config.entryPoint).toBe("prep.py");
    expect(store.getState().renameCodeFile("prep", "prep.py", "reqs")).toMatchObject({
      ok: false,
    });
    expect(store.getState().renameCodeFile("prep", "nope.py", "x.py")).toMatchObject({
      ok: false,
      message: 'no file named "nope.py"',
    });
  });

  it("deletes a file as one undo step", () => {
    const store = fresh();
    expect(store.getState().deleteCodeFile("prep", "requirements.txt")).toEqual({ ok: true });
    expect(Object.keys(filesOf(store, "prep"))).toEqual(["tabular_preprocessing.py"]);
    undo(store);
    expect(Object.keys(filesOf(store, "prep"))).toContain("requirements.txt");
  });

  it("imports a folder as one undo step, replacing same-named files", () => {
    const store = fresh();
    const result = store.getState().importCodeFiles("train", {
      "train.py": "# new\n",
      "pkg/__init__.py": "",
      "pkg/model.py": "class Net: ...\n",
    });
    expect(result).toEqual({ ok: true });
    expect(filesOf(store, "train")).toEqual({
      "train.py": "# new\n",
      "pkg/__init__.py": "",
      "pkg/model.py": "class Net: ...\n",
    });
    expect(history(store)).toBe(1);
    undo(store);
    expect(Object.keys(filesOf(store, "train"))).toEqual(["train.py"]);
    expect(store.getState().importCodeFiles("train", { "a.py": "", "../b.py": "" })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^\.\.\/b\.py: /),
    });
    expect(history(store)).toBe(0);
  });

  it("refuses an edit or import past 1 MB with the size and the limit; the document is kept", () => {
    const store = fresh();
    const before = store.getState().design;
    const big = "x".repeat(INLINE_CODE_LIMIT_BYTES + 1);
    const edit = store.getState().setCodeFile("train", "train.py", big);
    expect(edit).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^inline code would be 1\.00 MB/),
    });
    expect(edit.ok ? "" : edit.message).toContain("the limit is 1 MB");
    const imported = store.getState().importCodeFiles("train", { "data.csv": big });
    expect(imported).toMatchObject({ ok: false });
    expect(store.getState().design).toBe(before);
    expect(history(store)).toBe(0);
  });

  it("switches S3 code to inline starter files, and refuses file edits on S3 code", () => {
    const store = fresh();
    store.getState().setStepConfigValue("train", ["code"], { s3Uri: "s3://b/code.tar.gz" });
    expect(store.getState().setCodeFile("train", "train.py", "")).toMatchObject({ ok: false });
    expect(store.getState().switchToInlineCode("train")).toEqual({ ok: true });
    expect(Object.keys(filesOf(store, "train"))).toEqual(["train.py"]);
    expect(history(store)).toBe(2);
    undo(store);
    expect(stepOf(store, "train").config.code).toEqual({ s3Uri: "s3://b/code.tar.gz" });
  });
});
