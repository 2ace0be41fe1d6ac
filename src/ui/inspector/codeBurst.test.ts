import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createBurst } from "./codeBurst";

describe("committing editor edits in bursts", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("commits once after the typing pauses", () => {
    const commit = vi.fn();
    const burst = createBurst(commit, 500);
    for (let key = 0; key < 5; key++) {
      burst.edited();
      vi.advanceTimersByTime(100);
    }
    expect(commit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(commit).toHaveBeenCalledTimes(1);
    expect(burst.pending).toBe(false);
  });

  it("flush commits pending edits at once, and only then", () => {
    const commit = vi.fn();
    const burst = createBurst(commit, 500);
    burst.flush();
    expect(commit).not.toHaveBeenCalled();
    burst.edited();
    burst.flush();
    expect(commit).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(commit).toHaveBeenCalledTimes(1);
  });

  it("cancel forgets pending edits", () => {
    const commit = vi.fn();
    const burst = createBurst(commit, 500);
    burst.edited();
    burst.cancel();
    vi.advanceTimersByTime(1000);
    burst.flush();
    expect(commit).not.toHaveBeenCalled();
  });
});
