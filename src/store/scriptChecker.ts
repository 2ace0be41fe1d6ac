import type { Design, Diagnostic } from "../model";

export interface ScriptCheckRequest {
  id: number;
  design: Design;
}

export type ScriptCheckAnswer =
  { id: number; ok: true; diagnostics: Diagnostic[] } | { id: number; ok: false; message: string };

/** What the checker needs of a Web Worker: the browser's, or an in-process one in tests. */
export interface ScriptCheckWorker {
  postMessage(request: ScriptCheckRequest): void;
  onmessage: ((event: MessageEvent<ScriptCheckAnswer>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

/** The latest script-check findings and the design they were found in. */
export interface ScriptCheckResult {
  design: Design | null;
  diagnostics: readonly Diagnostic[];
}

const DEBOUNCE_MS = 300;
const NONE: ScriptCheckResult = { design: null, diagnostics: [] };

/** Whether two designs differ only where no check looks (step positions). */
function sameForChecks(a: Design | null, b: Design): boolean {
  if (!a || a.pipeline !== b.pipeline || a.edges !== b.edges || a.steps.length !== b.steps.length)
    return false;
  return a.steps.every((step, index) => {
    const other = b.steps[index];
    return (
      !!other &&
      step.config === other.config &&
      step.id === other.id &&
      step.name === other.name &&
      step.type === other.type
    );
  });
}

/**
 * Checks the document's scripts in a Web Worker, debounced, one check in flight at a time (a
 * change during a check is checked next). Listeners hear each new result; a failed worker
 * leaves the last result in place, so the checks never hold up or break the editor.
 */
export class ScriptChecker {
  private worker: ScriptCheckWorker | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private wanted: Design | null = null;
  private sent: { id: number; design: Design } | null = null;
  private nextId = 1;
  private result = NONE;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly createWorker: () => ScriptCheckWorker) {}

  request(design: Design): void {
    if (design === this.wanted || sameForChecks(this.wanted, design)) {
      this.wanted = design;
      return;
    }
    this.wanted = design;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.send(), DEBOUNCE_MS);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly snapshot = (): ScriptCheckResult => this.result;

  /**
   * Whether the last answer holds for `design` (nothing it changed is still being checked). A
   * check that failed counts as answered with the last findings, so nothing waits on it forever.
   */
  answered(design: Design): boolean {
    const checked = this.result.design;
    return checked === design || sameForChecks(checked, design);
  }

  private gaveUp(design: Design | null): void {
    if (!design) return;
    this.result = { design, diagnostics: this.result.diagnostics };
    for (const listener of this.listeners) listener();
  }

  private send(): void {
    const design = this.wanted;
    if (!design || this.sent) return;
    this.sent = { id: this.nextId++, design };
    const request: ScriptCheckRequest = this.sent;
    this.ensureWorker().postMessage(request);
  }

  private ensureWorker(): ScriptCheckWorker {
    if (this.worker) return this.worker;
    const worker = this.createWorker();
    worker.onmessage = (event: MessageEvent<ScriptCheckAnswer>) => this.receive(event.data);
    worker.onerror = (event) => {
      console.warn(`script checks: the worker failed: ${event.message}`);
      this.gaveUp(this.sent?.design ?? null);
      this.sent = null;
    };
    this.worker = worker;
    return worker;
  }

  private receive(answer: ScriptCheckAnswer): void {
    const sent = this.sent;
    if (!sent || answer.id !== sent.id) return;
    this.sent = null;
    if (answer.ok) {
      this.result = { design: sent.design, diagnostics: answer.diagnostics };
      for (const listener of this.listeners) listener();
    } else {
      console.warn(`script checks: ${answer.message}`);
      this.gaveUp(sent.design);
    }
    if (this.wanted && this.wanted !== sent.design && !sameForChecks(sent.design, this.wanted))
      this.send();
  }
}
