import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { FakePipelineClient } from "../../tests/support/fakePipelineClient";
import { stepNotRun, stepRunFor, stepsNotRun, watchExecution, type RunSnapshot } from "./runs";
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

const GATED = JSON.stringify({
  Version: "2020-12-01",
  Steps: [
    { Name: "Evaluate", Type: "Processing", Arguments: {} },
    {
      Name: "CheckAuc",
      Type: "Condition",
      Arguments: {
        Conditions: [],
        IfSteps: [
          { Name: "Register-RegisterModel", Type: "RegisterModel", Arguments: {} },
          { Name: "CreateModel-CreateModel", Type: "Model", Arguments: {} },
          {
            Name: "Inner",
            Type: "Condition",
            Arguments: {
              Conditions: [],
              IfSteps: [{ Name: "Transform", Type: "Transform", Arguments: {} }],
              ElseSteps: [{ Name: "InnerFail", Type: "Fail", Arguments: {} }],
            },
          },
        ],
        ElseSteps: [{ Name: "Fail", Type: "Fail", Arguments: {} }],
      },
    },
  ],
});

const outcome = (name: string, conditionOutcome: "True" | "False"): ExecutionStep => ({
  ...step(name, "Succeeded"),
  conditionOutcome,
});

describe("stepsNotRun", () => {
  it("lists nothing until a condition has an outcome", () => {
    expect(
      stepsNotRun(GATED, [step("Evaluate", "Succeeded"), step("CheckAuc", "Executing")]),
    ).toEqual([]);
  });

  it("lists the other branch of each evaluated condition, nested ones included", () => {
    expect(stepsNotRun(GATED, [outcome("CheckAuc", "True")])).toEqual(["Fail"]);
    expect(stepsNotRun(GATED, [outcome("CheckAuc", "True"), outcome("Inner", "True")])).toEqual([
      "Fail",
      "InnerFail",
    ]);
    expect(stepsNotRun(GATED, [outcome("CheckAuc", "False")])).toEqual([
      "Register-RegisterModel",
      "CreateModel-CreateModel",
      "Inner",
      "Transform",
      "InnerFail",
    ]);
  });

  it("ignores a definition it cannot read", () => {
    expect(stepsNotRun("not json", [outcome("CheckAuc", "True")])).toEqual([]);
    expect(stepsNotRun("null", [outcome("CheckAuc", "True")])).toEqual([]);
  });
});

describe("stepNotRun", () => {
  it("matches a design step to the definition steps it renders as", () => {
    const notRun = ["Register-RegisterModel", "CreateModel-CreateModel", "Fail"];
    expect(stepNotRun("Register", notRun)).toBe(true);
    expect(stepNotRun("CreateModel", notRun)).toBe(true);
    expect(stepNotRun("Fail", notRun)).toBe(true);
    expect(stepNotRun("Evaluate", notRun)).toBe(false);
  });

  it("finds a register step's run status by its -RegisterModel step", () => {
    expect(stepRunFor("Register", [step("Register-RegisterModel", "Succeeded")])?.status).toBe(
      "Succeeded",
    );
  });
});

describe("watchExecution and branches", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("marks the branch not taken once the condition has an outcome, reading the definition once", async () => {
    const client = new FakePipelineClient();
    client.executionDefinitions.set("arn:run", GATED);
    client.script.push(
      {
        status: "Executing",
        steps: [step("Evaluate", "Succeeded"), step("CheckAuc", "Executing")],
      },
      { status: "Failed", steps: [step("Evaluate", "Succeeded"), outcome("CheckAuc", "False")] },
    );
    const snapshots: RunSnapshot[] = [];
    watchExecution(client, "arn:run", (snapshot) => snapshots.push(snapshot), {
      firstMs: 100,
      maxMs: 100,
      factor: 1,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(snapshots[0]?.notRun).toEqual([]);
    await vi.advanceTimersByTimeAsync(100);
    expect(snapshots.at(-1)?.notRun).toContain("Register-RegisterModel");
    expect(snapshots.at(-1)?.notRun).not.toContain("Fail");
    expect(client.count("executionDefinition")).toBe(1);
  });

  it("reads the definition again on the next poll when it could not", async () => {
    const client = new FakePipelineClient();
    client.executionDefinitions.set("arn:run", GATED);
    client.failNext("executionDefinition", "ThrottlingException", "Rate exceeded");
    client.script.push({ status: "Executing", steps: [outcome("CheckAuc", "True")] });
    const snapshots: RunSnapshot[] = [];
    watchExecution(client, "arn:run", (snapshot) => snapshots.push(snapshot), {
      firstMs: 100,
      maxMs: 100,
      factor: 1,
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(snapshots[0]).toMatchObject({ notRun: [], error: null });
    await vi.advanceTimersByTimeAsync(100);
    expect(snapshots.at(-1)?.notRun).toEqual(["Fail"]);
  });
});
