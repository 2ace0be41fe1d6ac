import { describe, expect, it } from "vitest";
import { testDesign } from "../../tests/support/designs";
import { branchLayout } from "./branches";
import type { Edge, Step } from "./schema";

const step = (id: string, type = "Fail"): Step => ({
  id,
  type,
  name: id,
  position: { x: 0, y: 0 },
  config: {},
});
const data = (from: string, to: string): Edge => ({
  from: { step: from, output: "out" },
  to: { step: to, input: "in" },
});
const branch = (condition: string, to: string, which: "if_true" | "if_false"): Edge => ({
  from: { step: condition, output: which },
  to: { step: to, input: "branch" },
});

describe("branchLayout", () => {
  it("puts branch targets and their data-downstream steps in the branch, upstream steps at the top", () => {
    const design = testDesign(
      ["train", "evaluate", "check", "register", "model", "transform", "fail"].map((id) =>
        step(id),
      ),
      [
        data("train", "evaluate"),
        data("train", "register"),
        data("evaluate", "register"),
        data("train", "model"),
        data("model", "transform"),
        branch("check", "register", "if_true"),
        branch("check", "model", "if_true"),
        branch("check", "fail", "if_false"),
      ],
    );
    const layout = branchLayout(design);
    expect(layout.members.get("check")).toEqual({
      if_true: ["register", "model", "transform"],
      if_false: ["fail"],
    });
    expect(layout.branchOf.has("train")).toBe(false);
    expect(layout.branchOf.has("evaluate")).toBe(false);
    expect(layout.conflicts).toEqual([]);
  });

  it("a step reached from both branches is a conflict; a nested condition keeps its own members", () => {
    const design = testDesign(
      ["check", "a", "b", "shared", "inner", "deep"].map((id) => step(id)),
      [
        branch("check", "a", "if_true"),
        branch("check", "b", "if_false"),
        data("a", "shared"),
        data("b", "shared"),
        branch("check", "inner", "if_true"),
        branch("inner", "deep", "if_false"),
      ],
    );
    const layout = branchLayout(design);
    expect(layout.conflicts.map((conflict) => conflict.step)).toEqual(["shared"]);
    expect(layout.members.get("check")).toEqual({ if_true: ["a", "inner"], if_false: ["b"] });
    expect(layout.members.get("inner")).toEqual({ if_true: [], if_false: ["deep"] });
  });
});
