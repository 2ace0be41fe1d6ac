import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addStep,
  connect,
  disconnect,
  findCycle,
  removeStep,
  renameStep,
  orderByUpstream,
  topologicalOrder,
  uniqueStepId,
  uniqueStepName,
  wouldCreateCycle,
  type GraphResult,
} from "./graph";
import { type Design, type Edge, type Step } from "./schema";
import { testDesign } from "../../tests/support/designs";

function step(id: string, config: Record<string, unknown> = {}): Step {
  return { id, type: "DataLoad", name: id.toUpperCase(), position: { x: 0, y: 0 }, config };
}

/** A graph-only edge: ports do not matter to the model layer. */
function edge(from: string, to: string, port = "DATA"): Edge {
  return { from: { step: from, output: port }, to: { step: to, input: port } };
}

const design = testDesign;

/** Chain a → b → c. */
const chain = () => design([step("a"), step("b"), step("c")], [edge("a", "b"), edge("b", "c")]);

function expectOk(result: GraphResult): Design {
  if (!result.ok) throw new Error(`expected ok, got: ${result.message}`);
  return result.design;
}

function expectFail(result: GraphResult): string {
  expect(result.ok).toBe(false);
  return result.ok ? "" : result.message;
}

describe("addStep", () => {
  it("appends the step and leaves the input design untouched", () => {
    const before = chain();
    const after = expectOk(addStep(before, step("d")));
    expect(after.steps.map((s) => s.id)).toEqual(["a", "b", "c", "d"]);
    expect(before.steps).toHaveLength(3);
  });

  it("refuses a duplicate id", () => {
    expect(expectFail(addStep(chain(), { ...step("a"), name: "Other" }))).toContain('"a"');
  });

  it("refuses a duplicate name", () => {
    expect(expectFail(addStep(chain(), { ...step("d"), name: "A" }))).toContain('"A"');
  });

  it.each(["", "has space", "a/b", "x".repeat(65)])("refuses the name %j", (name) => {
    expect(addStep(chain(), { ...step("d"), name }).ok).toBe(false);
  });
});

describe("removeStep", () => {
  it("removes the step and every edge touching it", () => {
    const after = expectOk(removeStep(chain(), "b"));
    expect(after.steps.map((s) => s.id)).toEqual(["a", "c"]);
    expect(after.edges).toEqual([]);
  });

  it("keeps edges not touching it", () => {
    const after = expectOk(removeStep(chain(), "c"));
    expect(after.edges).toEqual([edge("a", "b")]);
  });

  it("removes dependsOn references to it and keeps the others", () => {
    const before = design([step("a"), step("b"), step("c", { dependsOn: ["a", "b"], x: 1 })]);
    const after = expectOk(removeStep(before, "a"));
    expect(after.steps.find((s) => s.id === "c")?.config).toEqual({ dependsOn: ["b"], x: 1 });
  });

  it("refuses an unknown id", () => {
    expect(expectFail(removeStep(chain(), "zzz"))).toContain("zzz");
  });
});

describe("renameStep", () => {
  it("changes the name and keeps the id and the edges", () => {
    const after = expectOk(renameStep(chain(), "b", "Renamed_Step-2"));
    expect(after.steps[1]).toMatchObject({ id: "b", name: "Renamed_Step-2" });
    expect(after.edges).toEqual(chain().edges);
  });

  it("accepts the step's own current name", () => {
    expect(renameStep(chain(), "b", "B").ok).toBe(true);
  });

  it("refuses a name another step has", () => {
    expect(expectFail(renameStep(chain(), "b", "A"))).toContain("A");
  });

  it.each(["", "with space", "dots.not.allowed", "x".repeat(65)])(
    "refuses a name breaking the pattern: %j",
    (name) => {
      expect(renameStep(chain(), "b", name).ok).toBe(false);
    },
  );

  it("accepts a 64-character name", () => {
    expect(renameStep(chain(), "b", "x".repeat(64)).ok).toBe(true);
  });

  it("refuses an unknown id", () => {
    expect(renameStep(chain(), "zzz", "Fine").ok).toBe(false);
  });
});

describe("connect / disconnect", () => {
  it("adds an edge between known steps", () => {
    const after = expectOk(connect(chain(), edge("a", "c")));
    expect(after.edges).toHaveLength(3);
    expect(after.edges.at(-1)).toEqual(edge("a", "c"));
  });

  it("refuses an unknown source or target", () => {
    expect(expectFail(connect(chain(), edge("ghost", "c")))).toContain("ghost");
    expect(expectFail(connect(chain(), edge("a", "ghost")))).toContain("ghost");
  });

  it("refuses an edge that already exists", () => {
    expect(connect(chain(), edge("a", "b")).ok).toBe(false);
  });

  it("accepts a different port between the same steps", () => {
    expect(connect(chain(), edge("a", "b", "SIGNATURE")).ok).toBe(true);
  });

  it("removes exactly the given edge", () => {
    const after = expectOk(disconnect(chain(), edge("a", "b")));
    expect(after.edges).toEqual([edge("b", "c")]);
  });

  it("refuses to remove an edge that does not exist", () => {
    expect(disconnect(chain(), edge("a", "c")).ok).toBe(false);
    expect(disconnect(chain(), edge("a", "b", "SIGNATURE")).ok).toBe(false);
  });
});

describe("uniqueStepName", () => {
  it("keeps a free base", () => {
    expect(uniqueStepName(chain(), "PyTorchTraining")).toBe("PyTorchTraining");
  });

  it("adds -2, -3… until free", () => {
    const d = design([
      { ...step("x"), name: "Train" },
      { ...step("y"), name: "Train-2" },
    ]);
    expect(uniqueStepName(d, "Train")).toBe("Train-3");
    expect(uniqueStepName(design([{ ...step("x"), name: "Train" }]), "Train")).toBe("Train-2");
  });
});

describe("uniqueStepId", () => {
  it("cleans and lowercases the stem", () => {
    expect(uniqueStepId(chain(), "Data Load!")).toBe("dataload");
  });

  it("falls back to 'step' for an empty stem", () => {
    expect(uniqueStepId(chain(), "!!!")).toBe("step");
  });

  it("adds -2, -3… until free", () => {
    expect(uniqueStepId(design([step("prep")]), "prep")).toBe("prep-2");
    expect(uniqueStepId(design([step("prep"), step("prep-2")]), "Prep")).toBe("prep-3");
  });
});

describe("topologicalOrder", () => {
  it("puts sources before targets", () => {
    const d = design([step("c"), step("b"), step("a")], [edge("a", "b"), edge("b", "c")]);
    expect(topologicalOrder(d)).toEqual(["a", "b", "c"]);
  });

  it("keeps `steps` order between independent steps", () => {
    expect(topologicalOrder(design([step("z"), step("m"), step("a")]))).toEqual(["z", "m", "a"]);
  });

  it("breaks ties by `steps` order at every round", () => {
    // x → y; w and v are free. Each round takes the first ready step in `steps`: w, x, then y
    // (ready now, and listed before v), then v.
    const d = design([step("w"), step("y"), step("x"), step("v")], [edge("x", "y")]);
    expect(topologicalOrder(d)).toEqual(["w", "x", "y", "v"]);
  });

  it("honours dependsOn and ignores dependsOn on unknown ids", () => {
    const d = design([step("a", { dependsOn: ["b", "ghost"] }), step("b")]);
    expect(topologicalOrder(d)).toEqual(["b", "a"]);
  });

  it("returns null on a cycle", () => {
    const d = design([step("a"), step("b")], [edge("a", "b"), edge("b", "a")]);
    expect(topologicalOrder(d)).toBeNull();
  });

  it("returns null on a cycle made with dependsOn", () => {
    const d = design([step("a", { dependsOn: ["b"] }), step("b")], [edge("a", "b")]);
    expect(topologicalOrder(d)).toBeNull();
  });
});

describe("findCycle", () => {
  it("returns null for a DAG", () => {
    expect(findCycle(chain())).toBeNull();
  });

  it("returns the cycle in link order with the first id repeated", () => {
    const d = design(
      [step("a"), step("b"), step("c")],
      [edge("a", "b"), edge("b", "c"), edge("c", "a")],
    );
    const cycle = findCycle(d);
    expect(cycle).not.toBeNull();
    if (!cycle) return;
    expect(cycle[0]).toBe(cycle.at(-1));
    expect(cycle).toHaveLength(4);
    // Every consecutive pair is a link from → to.
    for (let i = 0; i + 1 < cycle.length; i++) {
      expect(d.edges.some((e) => e.from.step === cycle[i] && e.to.step === cycle[i + 1])).toBe(
        true,
      );
    }
    expect(cycle).toEqual(["a", "b", "c", "a"]);
  });

  it("finds a two-step cycle", () => {
    const d = design([step("a"), step("b")], [edge("a", "b"), edge("b", "a")]);
    expect(findCycle(d)).toEqual(["a", "b", "a"]);
  });

  it("returns only the cycle, not the path leading to it", () => {
    const d = design(
      [step("tail"), step("x"), step("y")],
      [edge("x", "tail"), edge("x", "y"), edge("y", "x")],
    );
    const cycle = findCycle(d);
    expect(cycle).not.toBeNull();
    expect(new Set(cycle)).toEqual(new Set(["x", "y"]));
  });

  it("sees cycles through dependsOn", () => {
    const d = design([step("a", { dependsOn: ["b"] }), step("b")], [edge("a", "b")]);
    expect(findCycle(d)).not.toBeNull();
  });
});

describe("wouldCreateCycle", () => {
  it("is true for a self-link", () => {
    expect(wouldCreateCycle(chain(), "a", "a")).toBe(true);
  });

  it("is true when the target already reaches the source", () => {
    expect(wouldCreateCycle(chain(), "c", "a")).toBe(true);
    expect(wouldCreateCycle(chain(), "b", "a")).toBe(true);
  });

  it("is false along the existing direction and for unrelated steps", () => {
    expect(wouldCreateCycle(chain(), "a", "c")).toBe(false);
    expect(wouldCreateCycle(design([step("a"), step("b")]), "b", "a")).toBe(false);
  });

  it("follows dependsOn", () => {
    const d = design([step("a"), step("b", { dependsOn: ["a"] })]);
    expect(wouldCreateCycle(d, "b", "a")).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties on random DAGs: edges only go from a lower to a higher index of a random rank, so
// the generated graph is acyclic; `steps` is then shuffled so the order says nothing.

const randomDag = fc
  .integer({ min: 1, max: 9 })
  .chain((size) =>
    fc.record({
      rank: fc.shuffledSubarray(
        Array.from({ length: size }, (_, i) => i),
        { minLength: size, maxLength: size },
      ),
      order: fc.shuffledSubarray(
        Array.from({ length: size }, (_, i) => i),
        { minLength: size, maxLength: size },
      ),
      pairs: fc.uniqueArray(fc.tuple(fc.nat({ max: size - 1 }), fc.nat({ max: size - 1 })), {
        maxLength: size * 2,
        selector: ([a, b]) => `${a}-${b}`,
      }),
    }),
  )
  .map(({ rank, order, pairs }) => {
    const id = (i: number) => `s${i}`;
    const edges = pairs
      .filter(([a, b]) => a !== b)
      .map(([a, b]) => ((rank[a] ?? 0) < (rank[b] ?? 0) ? edge(id(a), id(b)) : edge(id(b), id(a))))
      .filter(
        (e, i, all) =>
          all.findIndex((o) => o.from.step === e.from.step && o.to.step === e.to.step) === i,
      );
    return design(
      order.map((i) => step(id(i))),
      edges,
    );
  });

const dagWithPair = randomDag.chain((d) =>
  fc.record({
    design: fc.constant(d),
    from: fc.constantFrom(...d.steps.map((s) => s.id)),
    to: fc.constantFrom(...d.steps.map((s) => s.id)),
  }),
);

const runs = { numRuns: 300, seed: 20240611 };

describe("graph properties on random DAGs", () => {
  it("topologicalOrder lists every step once and puts each edge's source before its target", () => {
    fc.assert(
      fc.property(randomDag, (d) => {
        const order = topologicalOrder(d);
        expect(order).not.toBeNull();
        if (!order) return;
        expect([...order].sort()).toEqual(d.steps.map((s) => s.id).sort());
        for (const e of d.edges)
          expect(order.indexOf(e.from.step)).toBeLessThan(order.indexOf(e.to.step));
      }),
      runs,
    );
  });

  it("findCycle is null on every generated DAG", () => {
    fc.assert(
      fc.property(randomDag, (d) => {
        expect(findCycle(d)).toBeNull();
      }),
      runs,
    );
  });

  it("an edge wouldCreateCycle calls safe never makes findCycle non-null", () => {
    fc.assert(
      fc.property(dagWithPair, ({ design: d, from, to }) => {
        fc.pre(!wouldCreateCycle(d, from, to));
        const after = { ...d, edges: [...d.edges, edge(from, to, "EXTRA")] };
        expect(findCycle(after)).toBeNull();
        expect(topologicalOrder(after)).not.toBeNull();
      }),
      runs,
    );
  });

  it("an edge wouldCreateCycle flags makes findCycle non-null", () => {
    fc.assert(
      fc.property(dagWithPair, ({ design: d, from, to }) => {
        fc.pre(wouldCreateCycle(d, from, to));
        const after = { ...d, edges: [...d.edges, edge(from, to, "EXTRA")] };
        const cycle = findCycle(after);
        expect(cycle).not.toBeNull();
        expect(topologicalOrder(after)).toBeNull();
        if (!cycle) return;
        expect(cycle[0]).toBe(cycle.at(-1));
        for (let i = 0; i + 1 < cycle.length; i++) {
          expect(
            after.edges.some((e) => e.from.step === cycle[i] && e.to.step === cycle[i + 1]),
          ).toBe(true);
        }
      }),
      runs,
    );
  });
});

describe("orderByUpstream", () => {
  /** The first-ready-in-file-order definition, quadratic: the reference the heap must equal. */
  const reference = (ids: string[], upstream: Map<string, string[]>): string[] | null => {
    const remaining = new Map(ids.map((id) => [id, new Set(upstream.get(id) ?? [])]));
    const order: string[] = [];
    while (remaining.size > 0) {
      const ready = ids.find((id) => remaining.get(id)?.size === 0);
      if (!ready) return null;
      order.push(ready);
      remaining.delete(ready);
      for (const deps of remaining.values()) deps.delete(ready);
    }
    return order;
  };

  it("equals the first-ready-in-file-order definition, cycles included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.tuple(fc.nat(Math.max(0, n - 1)), fc.nat(Math.max(0, n - 1))), {
              maxLength: 60,
            }),
          ),
        ),
        ([n, pairs]) => {
          const ids = Array.from(
            { length: n },
            (_, index) => `s${(index * 7) % (n || 1)}-${index}`,
          );
          const upstream = new Map(ids.map((id) => [id, [] as string[]]));
          for (const [to, from] of pairs) {
            if (n === 0 || to === from) continue;
            const list = upstream.get(ids[to]!)!;
            if (!list.includes(ids[from]!)) list.push(ids[from]!);
          }
          expect(orderByUpstream(ids, upstream)).toEqual(reference(ids, upstream));
        },
      ),
      { numRuns: 500 },
    );
  });
});
