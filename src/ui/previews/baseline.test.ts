import { afterEach, describe, expect, it } from "vitest";
import {
  clearDefinitionBaseline,
  ensureDefinitionBaseline,
  getDefinitionBaseline,
  setDefinitionBaseline,
  subscribeDefinitionBaseline,
} from "./baseline";

afterEach(() => clearDefinitionBaseline());

describe("definition baseline", () => {
  it("defaults once to the first definition, labelled when opened", () => {
    expect(getDefinitionBaseline()).toBeNull();
    ensureDefinitionBaseline("{1}");
    ensureDefinitionBaseline("{2}");
    expect(getDefinitionBaseline()).toEqual({ json: "{1}", label: "when opened" });
  });

  it("is replaced by setDefinitionBaseline and notifies subscribers on real changes", () => {
    const calls: string[] = [];
    const unsubscribe = subscribeDefinitionBaseline(() =>
      calls.push(getDefinitionBaseline()?.label ?? "none"),
    );
    ensureDefinitionBaseline("{1}");
    setDefinitionBaseline("{2}", "last export");
    const same = getDefinitionBaseline();
    setDefinitionBaseline("{2}", "last export");
    expect(getDefinitionBaseline()).toBe(same);
    unsubscribe();
    setDefinitionBaseline("{3}", "submitted");
    expect(calls).toEqual(["when opened", "last export"]);
    expect(getDefinitionBaseline()).toEqual({ json: "{3}", label: "submitted" });
  });
});
