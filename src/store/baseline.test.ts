import { describe, expect, it } from "vitest";
import { createBaselineStore } from "./baseline";

describe("definition baseline", () => {
  it("defaults once to the first definition, labelled when opened", () => {
    const store = createBaselineStore();
    expect(store.getState().baseline).toBeNull();
    store.getState().ensure("{1}");
    store.getState().ensure("{2}");
    expect(store.getState().baseline).toEqual({ json: "{1}", label: "when opened" });
  });

  it("is replaced by set and notifies subscribers on real changes", () => {
    const store = createBaselineStore();
    const calls: string[] = [];
    const unsubscribe = store.subscribe((state) => calls.push(state.baseline?.label ?? "none"));
    store.getState().ensure("{1}");
    store.getState().set("{2}", "last export");
    const same = store.getState().baseline;
    store.getState().set("{2}", "last export");
    expect(store.getState().baseline).toBe(same);
    unsubscribe();
    store.getState().set("{3}", "submitted");
    expect(calls).toEqual(["when opened", "last export"]);
    expect(store.getState().baseline).toEqual({ json: "{3}", label: "submitted" });
  });
});
