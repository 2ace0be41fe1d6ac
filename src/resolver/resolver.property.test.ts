import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STEP_TYPES, stepType, type StepTypeName } from "../catalog";
import { connect, findCycle, type Design, type Edge, type Step } from "../model";
import { branchLayout } from "../model";
import { checkLink, inputPortNames, outputPortNames, proposeLinks } from "./index";
import { testDesign } from "../../tests/support/designs";

// Fixed seed and run count per property, so a failure reproduces exactly.
const RUNS = { seed: 42, numRuns: 300 };

const TYPE_NAMES = STEP_TYPES.map((definition) => definition.type);
const OUTPUT_NAMES = [
  ...new Set(STEP_TYPES.flatMap((d) => d.outputs.map((o) => o.logicalName))),
  "if_true",
  "if_false",
];
const INPUT_NAMES = [
  ...new Set(STEP_TYPES.flatMap((d) => d.dependencies.map((i) => i.logicalName))),
  "branch",
];
/** Every port of a step, branch ports included (a Condition's if_true/if_false, every `branch` input). */
const outputsOf = (step: Step) => outputPortNames(step);
const inputsOf = (step: Step) => inputPortNames(step);

const emptyDesign = (steps: Step[]): Design => testDesign(steps);

const pick = <T>(list: readonly T[], index: number): T | undefined =>
  list.length === 0 ? undefined : list[index % list.length];

/**
 * Random designs: any mix of the step types (repeats allowed, random order), then random link
 * attempts between real ports (branch ports included), each kept only when checkLink allows it on
 * the design so far (the same rule manual linking follows).
 */
const randomDesign = fc
  .record({
    types: fc.array(fc.constantFrom(...TYPE_NAMES), { minLength: 1, maxLength: 9 }),
    attempts: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()), { maxLength: 18 }),
  })
  .map(({ types, attempts }) => {
    const steps = types.map((type, index): Step => ({
      id: `s${index}`,
      type,
      name: `${type}-${index}`,
      position: { x: index * 100, y: 0 },
      config: {},
    }));
    let design = emptyDesign(steps);
    for (const [a, b, c, d] of attempts) {
      const from = pick(steps, a);
      const to = pick(steps, b);
      const output = from && pick(outputsOf(from), c);
      const input = to && pick(inputsOf(to), d);
      if (!from || !to || !output || !input) continue;
      const edge: Edge = { from: { step: from.id, output }, to: { step: to.id, input } };
      if (!checkLink(design, edge).allowed) continue;
      const connected = connect(design, edge);
      if (connected.ok) design = connected.design;
    }
    return design;
  });

/**
 * A random design and an edge to check: mostly between real ports of its steps (so many are
 * allowed), sometimes naming anything at all, unknown steps and ports included.
 */
const designWithEdge = randomDesign.chain((design) => {
  const ids = [...design.steps.map((step) => step.id), "ghost"];
  const realPorts = fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.nat()).map(([a, b, c, d]): Edge => {
    const from = pick(design.steps, a);
    const to = pick(design.steps, b);
    const output = from && pick(outputsOf(from), c);
    const input = to && pick(inputsOf(to), d);
    return {
      from: { step: from?.id ?? "ghost", output: output ?? "NOPE" },
      to: { step: to?.id ?? "ghost", input: input ?? "NOPE" },
    };
  });
  const anything = fc.record({
    from: fc.record({
      step: fc.constantFrom(...ids),
      output: fc.constantFrom(...OUTPUT_NAMES, "NOPE"),
    }),
    to: fc.record({
      step: fc.constantFrom(...ids),
      input: fc.constantFrom(...INPUT_NAMES, "NOPE"),
    }),
  });
  return fc.record({
    design: fc.constant(design),
    edge: fc.oneof({ arbitrary: realPorts, weight: 4 }, { arbitrary: anything, weight: 1 }),
  });
});

const inputKey = (edge: Edge) => `${edge.to.step}.${edge.to.input}`;

function expectNoInputFedTwice(edges: Edge[]) {
  const keys = edges.map(inputKey);
  expect(new Set(keys).size).toBe(keys.length);
}

describe("random designs (generator sanity)", () => {
  it("are acyclic, feed no input twice and contain only links checkLink allows", () => {
    fc.assert(
      fc.property(randomDesign, (design) => {
        expect(findCycle(design)).toBeNull();
        expectNoInputFedTwice(design.edges);
        expect(branchLayout(design).conflicts).toEqual([]);
        for (const edge of design.edges) expect(checkLink(design, edge).allowed).toBe(true);
      }),
      RUNS,
    );
  });

  it("are not trivial: many have links, and many checked edges are allowed", () => {
    const designs = fc.sample(randomDesign, { seed: 42, numRuns: 200 });
    expect(designs.filter((design) => design.edges.length > 0).length).toBeGreaterThan(40);
    const checks = fc
      .sample(designWithEdge, { seed: 42, numRuns: 800 })
      .map(({ design, edge }) => checkLink(design, edge));
    expect(checks.filter((check) => check.allowed).length).toBeGreaterThan(20);
    expect(checks.filter((check) => !check.allowed).length).toBeGreaterThan(20);
  });
});

describe("proposeLinks properties", () => {
  it("(1) applying every proposal never creates a cycle or feeds an input twice", () => {
    fc.assert(
      fc.property(randomDesign, (design) => {
        const { proposals } = proposeLinks(design);
        const edges = [...design.edges, ...proposals.map((proposal) => proposal.edge)];
        const applied = { ...design, edges };
        expect(findCycle(applied)).toBeNull();
        expectNoInputFedTwice(edges);
      }),
      RUNS,
    );
  });

  it("(2) every proposal passes checkLink on the design it is applied to, in order", () => {
    fc.assert(
      fc.property(randomDesign, (design) => {
        let current = design;
        for (const proposal of proposeLinks(design).proposals) {
          const check = checkLink(current, proposal.edge);
          expect(check).toMatchObject({ allowed: true, score: proposal.score });
          const connected = connect(current, proposal.edge);
          expect(connected.ok).toBe(true);
          if (connected.ok) current = connected.design;
        }
      }),
      RUNS,
    );
  });

  it("(4) proposals never target an input that is already fed", () => {
    fc.assert(
      fc.property(randomDesign, (design) => {
        const fed = new Set(design.edges.map(inputKey));
        const { proposals } = proposeLinks(design);
        for (const proposal of proposals) expect(fed.has(inputKey(proposal.edge))).toBe(false);
        expectNoInputFedTwice(proposals.map((proposal) => proposal.edge));
      }),
      RUNS,
    );
  });

  it("proposals feed only required inputs, and each required input is proposed or unresolved", () => {
    fc.assert(
      fc.property(randomDesign, (design) => {
        const { proposals, unresolved } = proposeLinks(design);
        const fed = new Set(design.edges.map(inputKey));
        const proposed = new Set(proposals.map((proposal) => inputKey(proposal.edge)));
        const open = new Set(unresolved.map((item) => `${item.step}.${item.input}`));
        for (const step of design.steps) {
          for (const dependency of stepType(step.type as StepTypeName)?.dependencies ?? []) {
            const key = `${step.id}.${dependency.logicalName}`;
            if (!dependency.required) expect(proposed.has(key)).toBe(false);
            else if (!fed.has(key)) expect(proposed.has(key) !== open.has(key)).toBe(true);
          }
        }
      }),
      RUNS,
    );
  });
});

describe("checkLink properties", () => {
  it("(3) never throws, and an allowed link's score is the sum of its parts", () => {
    fc.assert(
      fc.property(designWithEdge, ({ design, edge }) => {
        let check: ReturnType<typeof checkLink> | undefined;
        expect(() => {
          check = checkLink(design, edge);
        }).not.toThrow();
        if (!check) return;
        if (check.allowed) {
          const sum = check.parts.reduce((total, part) => total + part.points, 0);
          // The score is rounded to 3 decimals; the parts are not.
          expect(Math.abs(check.score - sum)).toBeLessThanOrEqual(0.0005 + 1e-12);
        } else {
          expect(check.message.length).toBeGreaterThan(0);
        }
      }),
      RUNS,
    );
  });

  it("an allowed link added to the design keeps it acyclic with every input fed at most once", () => {
    fc.assert(
      fc.property(designWithEdge, ({ design, edge }) => {
        const check = checkLink(design, edge);
        fc.pre(check.allowed);
        const connected = connect(design, edge);
        if (!connected.ok) return; // the very same link already exists
        expect(findCycle(connected.design)).toBeNull();
        expectNoInputFedTwice(connected.design.edges);
        expect(branchLayout(connected.design).conflicts).toEqual([]);
      }),
      { ...RUNS, numRuns: 200 },
    );
  });
});
