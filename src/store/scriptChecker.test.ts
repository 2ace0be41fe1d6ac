import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Design, Diagnostic } from "../model";
import { testDesign } from "../../tests/support/designs";
import { ScriptChecker, type ScriptCheckAnswer, type ScriptCheckRequest } from "./scriptChecker";

/** A worker that records what it is sent and answers when told to. */
class FakeWorker {
  readonly sent: ScriptCheckRequest[] = [];
  onmessage: ((event: MessageEvent<ScriptCheckAnswer>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(request: ScriptCheckRequest) {
    this.sent.push(request);
  }
  answer(index: number, diagnostics: Diagnostic[]) {
    const id = this.sent[index]!.id;
    this.onmessage?.({ data: { id, ok: true, diagnostics } } as MessageEvent<ScriptCheckAnswer>);
  }
}

const finding = (message: string): Diagnostic => ({
  code: "PD502",
  severity: "error",
  message,
  stepId: "train",
  file: "train.py",
  line: 1,
});

const step = (x: number) => ({
  id: "train",
  type: "PyTorchTraining",
  name: "PyTorchTraining",
  position: { x, y: 0 },
  config: {},
});

describe("script checker", () => {
  let worker: FakeWorker;
  let checker: ScriptChecker;
  beforeEach(() => {
    vi.useFakeTimers();
    worker = new FakeWorker();
    checker = new ScriptChecker(() => worker as unknown as Worker);
  });
  afterEach(() => vi.useRealTimers());

  it("waits for edits to settle, then checks the latest document once", () => {
    const first = testDesign([step(0)]);
    const second = { ...first, steps: [{ ...first.steps[0]!, config: { entryPoint: "x.py" } }] };
    checker.request(first);
    vi.advanceTimersByTime(100);
    checker.request(second);
    vi.advanceTimersByTime(299);
    expect(worker.sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(worker.sent.map((request) => request.design)).toEqual([second]);
  });

  it("checks a change made during a check next, and publishes only the answer it waits for", () => {
    const heard: Design[] = [];
    checker.subscribe(() => heard.push(checker.snapshot().design!));
    const first = testDesign([step(0)]);
    checker.request(first);
    vi.advanceTimersByTime(300);
    const second = { ...first, edges: [] };
    checker.request(second);
    vi.advanceTimersByTime(300);
    expect(worker.sent).toHaveLength(1);
    worker.answer(0, [finding("old")]);
    expect(heard).toEqual([first]);
    expect(worker.sent.map((request) => request.design)).toEqual([first, second]);
    worker.answer(1, []);
    expect(checker.snapshot()).toEqual({ design: second, diagnostics: [] });
  });

  it("does not check again when only a step moved", () => {
    const first = testDesign([step(0)]);
    checker.request(first);
    vi.advanceTimersByTime(300);
    worker.answer(0, []);
    const moved: Design = { ...first, steps: [{ ...first.steps[0]!, position: { x: 50, y: 9 } }] };
    checker.request(moved);
    vi.advanceTimersByTime(1000);
    expect(worker.sent).toHaveLength(1);
  });
});
