import { describe, expect, it } from "vitest";
import { PREVIEW_TABS, tabAfterKey } from "./tabs";

describe("tabAfterKey", () => {
  it("moves with the arrows, wrapping, and jumps with Home/End", () => {
    expect(PREVIEW_TABS).toEqual(["Channels", "Metrics", "Definition"]);
    expect(tabAfterKey("Channels", "ArrowRight")).toBe("Metrics");
    expect(tabAfterKey("Definition", "ArrowRight")).toBe("Channels");
    expect(tabAfterKey("Channels", "ArrowLeft")).toBe("Definition");
    expect(tabAfterKey("Metrics", "Home")).toBe("Channels");
    expect(tabAfterKey("Metrics", "End")).toBe("Definition");
    expect(tabAfterKey("Metrics", "Enter")).toBeNull();
  });
});
