import type { Finding, StepScripts } from "./context";
import { calleeTail, dottedName, walk, type SyntaxNode as Node } from "./syntax";

const OPTIMIZERS = new Set(
  "Adam AdamW SGD RMSprop Adagrad Adadelta Adamax LBFGS NAdam RAdam SparseAdam ASGD Rprop".split(
    " ",
  ),
);
const LOSS_FUNCTIONS = new Set([
  "cross_entropy",
  "binary_cross_entropy",
  "binary_cross_entropy_with_logits",
  "kl_div",
  "hinge_embedding_loss",
]);
const SAVE_METHODS = new Set([
  "save",
  "save_model",
  "save_pretrained",
  "save_checkpoint",
  "save_raw",
]);
const SERIALISERS = new Set(["pickle", "joblib", "cloudpickle", "dill", "torch", "torch.jit"]);
const NOT_MODEL_SAVES = new Set(["np.save", "numpy.save", "json.dump", "plt.savefig"]);

function callNames(step: StepScripts): { call: Node; name: string | null; tail: string | null }[] {
  return step.scripts.flatMap((script) =>
    script.calls.map((call) => ({
      call,
      name: dottedName(call.childForFieldName("function")),
      tail: calleeTail(call),
    })),
  );
}

const isModuleClass = (superclass: string | null) =>
  !!superclass && /(^|\.)(\w*Module)$/.test(superclass);

function definesModule(step: StepScripts): boolean {
  return step.scripts.some((script) =>
    script.classes.some((definition) =>
      (definition.childForFieldName("superclasses")?.namedChildren ?? []).some((base) =>
        isModuleClass(dottedName(base)),
      ),
    ),
  );
}

function isModelSave(tail: string | null, name: string | null): boolean {
  if (!tail || (name && NOT_MODEL_SAVES.has(name))) return false;
  if (SAVE_METHODS.has(tail)) return true;
  const object = name?.slice(0, name.length - tail.length - 1) ?? "";
  if (tail === "dump") return SERIALISERS.has(object);
  return tail === "export" && object === "torch.onnx";
}

/** Whether a loop (or a local function it calls, a few levels down) calls one of `calls`. */
function loopCalls(
  step: StepScripts,
  calls: (tail: string | null, name: string | null) => boolean,
) {
  const functions = new Map<string, Node>();
  for (const script of step.scripts)
    for (const definition of script.functions) {
      const name = definition.childForFieldName("name")?.text;
      if (name) functions.set(name, definition);
    }
  const reaches = (root: Node, depth: number): boolean => {
    let found = false;
    walk(root, (node) => {
      if (found || node.type !== "call") return;
      const tail = calleeTail(node);
      const name = dottedName(node.childForFieldName("function"));
      if (calls(tail, name)) found = true;
      else if (
        depth > 0 &&
        name &&
        functions.has(name) &&
        reaches(functions.get(name) as Node, depth - 1)
      )
        found = true;
    });
    return found;
  };
  return step.scripts.some((script) => script.loops.some((loop) => reaches(loop, 3)));
}

const wholeFile = (
  code: Finding["code"],
  severity: Finding["severity"],
  message: string,
): Finding => ({
  code,
  severity,
  message,
});

/** PyTorch: nn.Module, optimizer, loss, backward/step, a training loop, a model save. */
export function pytorchPatternFindings(step: StepScripts): Finding[] {
  const calls = callNames(step);
  const has = (test: (tail: string | null, name: string | null) => boolean) =>
    calls.some(({ tail, name }) => test(tail, name));
  // Lightning's Trainer runs the loop, the backward pass and the optimizer itself.
  const lightning = has((tail) => tail === "Trainer") && has((tail) => tail === "fit");
  const found: Finding[] = [];
  if (!definesModule(step))
    found.push(
      wholeFile(
        "PD511",
        "warning",
        "no class derives from nn.Module: define the model as an nn.Module subclass",
      ),
    );
  const optimizer = has(
    (tail, name) => !!name && (/^(torch\.)?optim\./.test(name) || (!!tail && OPTIMIZERS.has(tail))),
  );
  if (!optimizer && !lightning)
    found.push(wholeFile("PD512", "warning", "no optimizer is created (torch.optim.Adam, SGD, …)"));
  if (!has((tail) => !!tail && (/loss/i.test(tail) || LOSS_FUNCTIONS.has(tail))))
    found.push(
      wholeFile("PD513", "warning", "no loss is computed (nn.CrossEntropyLoss, F.mse_loss, …)"),
    );
  const backward = has((tail) => tail === "backward");
  const stepCall = has((tail) => tail === "step");
  if (!lightning && (!backward || !stepCall)) {
    const missing = [!backward && "loss.backward()", !stepCall && "optimizer.step()"].filter(
      Boolean,
    );
    found.push(wholeFile("PD514", "warning", `the script never calls ${missing.join(" or ")}`));
  }
  const trains = (tail: string | null) => tail === "backward" || tail === "step";
  if (!lightning && !loopCalls(step, trains))
    found.push(
      wholeFile(
        "PD516",
        "error",
        "no training loop: no for/while loop runs backward() or optimizer.step()",
      ),
    );
  if (!has(isModelSave))
    found.push(
      wholeFile(
        "PD517",
        "error",
        "the model is never saved (torch.save(model.state_dict(), …) under the model directory)",
      ),
    );
  return found;
}

/** XGBoost: DMatrix, xgb.train or the sklearn API's fit, a model save. */
export function xgboostPatternFindings(step: StepScripts): Finding[] {
  const calls = callNames(step);
  const has = (test: (tail: string | null, name: string | null) => boolean) =>
    calls.some(({ tail, name }) => test(tail, name));
  const sklearnApi = has((tail) => !!tail && /^XGB\w+$/.test(tail));
  const found: Finding[] = [];
  if (!sklearnApi && !has((tail) => !!tail && /DMatrix$/.test(tail)))
    found.push(wholeFile("PD515", "warning", "no xgb.DMatrix is built from the channel data"));
  const trains = has(
    (tail, name) =>
      name === "xgb.train" || name === "xgboost.train" || (sklearnApi && tail === "fit"),
  );
  if (!trains)
    found.push(
      wholeFile(
        "PD516",
        "error",
        "the script never trains: call xgb.train(…) or the sklearn API's fit(…)",
      ),
    );
  if (!has(isModelSave))
    found.push(
      wholeFile(
        "PD517",
        "error",
        "the model is never saved (booster.save_model(…) under the model directory)",
      ),
    );
  return found;
}
