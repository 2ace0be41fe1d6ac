import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakePipelineClient } from "../../tests/support/fakePipelineClient";
import { stepRunFor, watchExecution, type RunSnapshot } from "./runs";
import type { ExecutionStep } from "./types";

const step = (name: string, status: ExecutionStep["status"]): ExecutionStep => ({ name, status });

describe("watchExecution", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("polls with growing waits while nothing changes and stops when the run ends", async () => {
    const client = new FakePipelineClient();
    client.script.push(
      { status: "Executing", steps: [step("Load", "Executing")] },
      { status: "Executing", steps: [step("Load", "Executing")] },
      { status: "Executing", steps: [step("Load", "Executing")] },
      { status: "Succeeded", steps: [step("Load", "Succeeded")] },
    );
    const snapshots: RunSnapshot[] = [];
    watchExecution(client, "arn:run", (snapshot) => snapshots.push(snapshot), {
      firstMs: 100,
      maxMs: 1000,
      factor: 2,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(snapshots).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(100); // same state: next wait doubles
    expect(snapshots).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(150);
    expect(snapshots).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(50);
    expect(snapshots).toHaveLength(3);
    await vi.advanceTimersByTimeAsync(400);
    expect(snapshots.at(-1)).toMatchObject({ terminal: true, execution: { status: "Succeeded" } });
    const calls = client.count("describeExecution");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(client.count("describeExecution")).toBe(calls);
  });

  it("reports a failed poll and keeps polling", async () => {
    const client = new FakePipelineClient();
    client.script.push({ status: "Executing", steps: [] });
    client.failNext("describeExecution", "ThrottlingException", "Rate exceeded");
    const snapshots: RunSnapshot[] = [];
    watchExecution(client, "arn:run", (snapshot) => snapshots.push(snapshot), {
      firstMs: 100,
      maxMs: 1000,
      factor: 2,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(snapshots[0]?.error).toBe("ThrottlingException: Rate exceeded");
    await vi.advanceTimersByTimeAsync(200);
    expect(snapshots.at(-1)?.error).toBeNull();
  });

  it("stops polling when stopped", async () => {
    const client = new FakePipelineClient();
    client.script.push({ status: "Executing", steps: [] });
    const stop = watchExecution(client, "arn:run", () => undefined, {
      firstMs: 100,
      maxMs: 100,
      factor: 1,
    });
    await vi.advanceTimersByTimeAsync(0);
    stop();
    const calls = client.count("describeExecution");
    await vi.advanceTimersByTimeAsync(1000);
    expect(client.count("describeExecution")).toBe(calls);
  });
});

describe("stepRunFor", () => {
  it("finds a step by its definition name", () => {
    expect(stepRunFor("Train", [step("Train", "Executing")])?.status).toBe("Executing");
    expect(stepRunFor("Train", [step("Trainer", "Executing")])).toBeUndefined();
  });

  it("shows a model step by its least finished rendered step", () => {
    expect(
      stepRunFor("Model", [
        step("Model-RepackModel-0", "Succeeded"),
        step("Model-CreateModel", "Failed"),
      ])?.status,
    ).toBe("Failed");
    expect(stepRunFor("Model", [step("Model-RepackModel-0", "Succeeded")])?.status).toBe(
      "Executing",
    );
    expect(
      stepRunFor("Model", [
        step("Model-RepackModel-0", "Succeeded"),
        step("Model-CreateModel", "Succeeded"),
      ])?.status,
    ).toBe("Succeeded");
  });
});
