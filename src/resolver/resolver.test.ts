import { describe, expect, it } from "vitest";
import { stepType, type DependencySpec, type OutputSpec, type StepTypeName } from "../catalog";
import type { Edge, Step } from "../model";
import {
  ACCEPT_THRESHOLD,
  candidatesFor,
  checkLink,
  proposeLinks,
  scoreMatch,
  typeGate,
  type LinkCheck,
  type ScorePart,
} from "./index";
import { testDesign } from "../../tests/support/designs";

function step(id: string, type: StepTypeName, name: string): Step {
  return { id, type, name, position: { x: 0, y: 0 }, config: {} };
}

function link(from: string, output: string, to: string, input: string): Edge {
  return { from: { step: from, output }, to: { step: to, input } };
}

const design = testDesign;

/** The reference DAG of DESIGN.md: load → prep → train → model, plus an XGBoost training step. */
const load = step("load", "DataLoad", "DataLoad-Training");
const prep = step("prep", "TabularPreprocessing", "TabularPreprocessing-Training");
const train = step("train", "PyTorchTraining", "PyTorchTraining");
const model = step("model", "PyTorchModel", "PyTorchModel");
const xgb = step("xgb", "XGBoostTraining", "XGBoostTraining");

const loadToPrep = link("load", "DATA", "prep", "DATA");
const prepToTrain = link("prep", "processed_data", "train", "input_path");
const trainToModel = link("train", "model_output", "model", "model_data");

function refusal(check: LinkCheck) {
  expect(check.allowed).toBe(false);
  if (check.allowed) throw new Error("expected a refusal");
  return check;
}

function spec<T extends DependencySpec | OutputSpec>(list: T[] | undefined, name: string): T {
  const found = list?.find((item) => item.logicalName === name);
  if (!found) throw new Error(`no port ${name}`);
  return found;
}

const sumOf = (parts: ScorePart[]) => parts.reduce((sum, part) => sum + part.points, 0);

describe("checkLink", () => {
  const base = design([load, prep, train, model, xgb]);

  it("allows DataLoad.DATA → TabularPreprocessing.DATA with a score ≥ 0.5, explained part by part", () => {
    const check = checkLink(base, loadToPrep);
    expect(check.allowed).toBe(true);
    if (!check.allowed) return;
    expect(check.score).toBeGreaterThanOrEqual(ACCEPT_THRESHOLD);
    expect(check.parts.map((part) => part.factor)).toEqual([
      "type",
      "dataType",
      "name",
      "exactName",
      "source",
      "keywords",
    ]);
    expect(check.explanation.startsWith(check.score.toFixed(2))).toBe(true);
    for (const part of check.parts) {
      expect(check.explanation).toContain(part.detail);
      expect(check.explanation).toContain(`${part.detail} +${part.points.toFixed(2)}`);
    }
  });

  it("gives the DataLoad → Prep link its full type, data type, name and source points", () => {
    const check = checkLink(base, loadToPrep);
    if (!check.allowed) throw new Error(check.message);
    const points = Object.fromEntries(check.parts.map((part) => [part.factor, part.points]));
    expect(points).toMatchObject({
      type: 0.4,
      dataType: 0.2,
      name: 0.25,
      exactName: 0.05,
      source: 0.1,
    });
  });

  it("refuses a self-link", () => {
    const check = refusal(checkLink(base, link("prep", "processed_data", "prep", "DATA")));
    expect(check.gate).toBe("selfLink");
    expect(check.message).toContain("TabularPreprocessing-Training");
  });

  it("refuses an unknown output port, naming it", () => {
    const check = refusal(checkLink(base, link("load", "FEATURES", "prep", "DATA")));
    expect(check.gate).toBe("unknownPort");
    expect(check.message).toContain("FEATURES");
    expect(check.message).toContain("DataLoad-Training");
  });

  it("refuses an unknown input port, naming it", () => {
    const check = refusal(checkLink(base, link("load", "DATA", "prep", "LABELS")));
    expect(check.gate).toBe("unknownPort");
    expect(check.message).toContain("LABELS");
    expect(check.message).toContain("TabularPreprocessing-Training");
  });

  it("refuses an unknown step", () => {
    const check = refusal(checkLink(base, link("ghost", "DATA", "prep", "DATA")));
    expect(check.gate).toBe("unknownStep");
    expect(check.message).toContain("ghost");
  });

  it("refuses the wrong type: processed_data → PyTorchModel.model_data", () => {
    const check = refusal(checkLink(base, link("prep", "processed_data", "model", "model_data")));
    expect(check.gate).toBe("type");
    expect(check.message).toContain("model_data");
    expect(check.message).toContain("processed_data");
  });

  it("refuses an incompatible source: XGBoostTraining.model_output → PyTorchModel.model_data", () => {
    const check = refusal(checkLink(base, link("xgb", "model_output", "model", "model_data")));
    expect(check.gate).toBe("source");
    expect(check.message).toContain("model_data");
    expect(check.message).toContain("PyTorch Training");
    expect(check.message).toContain("XGBoost Training");
  });

  it("refuses an input that is already fed, naming the feeder", () => {
    const load2 = step("load2", "DataLoad", "DataLoad-Validation");
    const fed = design([load, load2, prep], [loadToPrep]);
    const check = refusal(checkLink(fed, link("load2", "DATA", "prep", "DATA")));
    expect(check.gate).toBe("alreadyFed");
    expect(check.message).toContain("DATA");
    expect(check.message).toContain("DataLoad-Training");
  });

  it("does not count the checked edge itself as the feeder", () => {
    expect(checkLink(design([load, prep], [loadToPrep]), loadToPrep).allowed).toBe(true);
  });

  it("refuses a cycle and shows it with arrows", () => {
    const chain = design([load, prep, train], [loadToPrep, prepToTrain]);
    const check = refusal(
      checkLink(chain, link("train", "evaluation_output", "prep", "DATA_SECONDARY")),
    );
    expect(check.gate).toBe("cycle");
    expect(check.message).toContain("→");
    expect(check.message).toContain("PyTorchTraining");
    expect(check.message).toContain("TabularPreprocessing-Training");
  });

  it("leaves skipped gates to the caller", () => {
    const load2 = step("load2", "DataLoad", "DataLoad-Validation");
    const fed = design([load, load2, prep], [loadToPrep]);
    expect(
      checkLink(fed, link("load2", "DATA", "prep", "DATA"), { skip: ["alreadyFed"] }).allowed,
    ).toBe(true);
  });
});

describe("scoreMatch", () => {
  const prepDef = stepType("TabularPreprocessing");
  const trainDef = stepType("PyTorchTraining");
  const loadDef = stepType("DataLoad");

  it("gives parts that sum to the score", () => {
    const cases: [DependencySpec, OutputSpec, StepTypeName][] = [
      [spec(prepDef?.dependencies, "DATA"), spec(loadDef?.outputs, "DATA"), "DataLoad"],
      [spec(prepDef?.dependencies, "DATA"), spec(loadDef?.outputs, "METADATA"), "DataLoad"],
      [
        spec(trainDef?.dependencies, "input_path"),
        spec(prepDef?.outputs, "processed_data"),
        "TabularPreprocessing",
      ],
      [
        spec(trainDef?.dependencies, "input_path"),
        spec(trainDef?.outputs, "evaluation_output"),
        "PyTorchTraining",
      ],
    ];
    for (const [dependency, output, provider] of cases) {
      const result = scoreMatch(dependency, output, provider);
      expect(result.compatible).toBe(true);
      if (!result.compatible) continue;
      expect(Math.abs(result.score - sumOf(result.parts))).toBeLessThanOrEqual(0.0005 + 1e-12);
    }
  });

  it("gives +0.40 for an exact type and +0.20 for a compatible one", () => {
    const exact = typeGate(spec(prepDef?.dependencies, "DATA"), spec(loadDef?.outputs, "DATA"));
    const compatible = typeGate(
      spec(trainDef?.dependencies, "input_path"),
      spec(prepDef?.outputs, "processed_data"),
    );
    expect(exact?.points).toBe(0.4);
    expect(compatible?.points).toBe(0.2);

    const exactScore = scoreMatch(
      spec(prepDef?.dependencies, "DATA"),
      spec(loadDef?.outputs, "DATA"),
      "DataLoad",
    );
    const compatibleScore = scoreMatch(
      spec(trainDef?.dependencies, "input_path"),
      spec(prepDef?.outputs, "processed_data"),
      "TabularPreprocessing",
    );
    expect(exactScore.compatible && exactScore.parts[0]).toMatchObject({
      factor: "type",
      points: 0.4,
    });
    expect(compatibleScore.compatible && compatibleScore.parts[0]).toMatchObject({
      factor: "type",
      points: 0.2,
    });
  });

  it("refuses model artifacts from a processing output at the type gate", () => {
    const result = scoreMatch(
      spec(stepType("PyTorchModel")?.dependencies, "model_data"),
      spec(prepDef?.outputs, "processed_data"),
      "TabularPreprocessing",
    );
    expect(result).toMatchObject({ compatible: false, gate: "type" });
  });

  it("takes 0.10 off for a source outside the dependency's list", () => {
    const result = scoreMatch(
      spec(stepType("PyTorchModel")?.dependencies, "model_data"),
      spec(trainDef?.outputs, "model_output"),
      "XGBoostTraining",
    );
    expect(result.compatible && result.parts.find((part) => part.factor === "source")?.points).toBe(
      -0.1,
    );
  });
});

describe("proposeLinks", () => {
  const reference = design([load, prep, train, model]);

  it("proposes exactly the reference links, each at or above the threshold", () => {
    const { proposals, unresolved } = proposeLinks(reference);
    expect(proposals.map((proposal) => proposal.edge)).toEqual([
      loadToPrep,
      prepToTrain,
      trainToModel,
    ]);
    for (const proposal of proposals)
      expect(proposal.score).toBeGreaterThanOrEqual(ACCEPT_THRESHOLD);
    expect(unresolved).toEqual([]);
  });

  it("leaves optional inputs alone", () => {
    const { proposals } = proposeLinks(reference);
    const targets = proposals.map(
      (proposal) => `${proposal.edge.to.step}.${proposal.edge.to.input}`,
    );
    expect(targets).not.toContain("prep.DATA_SECONDARY");
    expect(targets).not.toContain("prep.SIGNATURE");
  });

  it("proposes the same links whatever the order of `steps`", () => {
    const shuffled = design([model, train, load, prep]);
    const edges = proposeLinks(shuffled).proposals.map((proposal) => proposal.edge);
    expect(new Set(edges.map((edge) => JSON.stringify(edge)))).toEqual(
      new Set([loadToPrep, prepToTrain, trainToModel].map((edge) => JSON.stringify(edge))),
    );
  });

  it("does not re-propose inputs already fed", () => {
    const { proposals } = proposeLinks(design([load, prep, train, model], [loadToPrep]));
    expect(proposals.map((proposal) => proposal.edge)).toEqual([prepToTrain, trainToModel]);
  });

  it("lists alternatives at or above the threshold, best first", () => {
    const first = proposeLinks(reference).proposals[0];
    expect(first?.alternatives.length).toBeGreaterThan(0);
    const scores = first?.alternatives.map((alternative) => alternative.score) ?? [];
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const score of scores) expect(score).toBeGreaterThanOrEqual(ACCEPT_THRESHOLD);
    expect(scores[0]).toBeLessThanOrEqual(first?.score ?? 0);
  });

  it("reports a required input nobody can feed as unresolved", () => {
    const { proposals, unresolved } = proposeLinks(design([model]));
    expect(proposals).toEqual([]);
    expect(unresolved).toEqual([expect.objectContaining({ step: "model", input: "model_data" })]);
  });
});

describe("candidatesFor", () => {
  it("lists only allowed links, best first", () => {
    const candidates = candidatesFor(
      design([load, prep, train, model, xgb]),
      "model",
      "model_data",
    );
    expect(candidates.map((candidate) => candidate.edge)).toEqual([trainToModel]);
  });
});
