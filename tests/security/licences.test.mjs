import assert from "node:assert/strict";
import { test } from "node:test";
import { permits, problemsOf } from "../../scripts/licences.mjs";

test("SPDX expressions: OR needs one allowed side, AND needs both, WITH keeps the licence", () => {
  assert.equal(permits("MIT"), true);
  assert.equal(permits("(MIT OR GPL-3.0-only)"), true);
  assert.equal(permits("MIT AND GPL-3.0-only"), false);
  assert.equal(permits("Apache-2.0 WITH LLVM-exception"), true);
  assert.equal(permits("(BSD-3-Clause AND (MIT OR GPL-2.0))"), true);
  assert.equal(permits("GPL-3.0-or-later"), false);
  assert.equal(permits("SEE LICENSE IN LICENSE.txt"), false);
  assert.equal(permits(""), false);
});

test("a runtime package without a licence, or with a copyleft one, is a problem", () => {
  const problems = problemsOf([
    { name: "fine", version: "1.0.0", licence: "ISC", path: "node_modules/fine" },
    { name: "bare", version: "1.0.0", licence: "", path: "node_modules/bare" },
    { name: "viral", version: "2.0.0", licence: "AGPL-3.0-only", path: "node_modules/viral" },
    // The reviewed exception holds for its exact expression only.
    { name: "elkjs", version: "0.12.1", licence: "EPL-2.0 OR GPL-3.0-or-later", path: "x" },
    { name: "elkjs", version: "9.0.0", licence: "GPL-3.0-only", path: "y" },
  ]);
  assert.deepEqual(problems, [
    "bare@1.0.0 (node_modules/bare) declares no licence",
    'viral@2.0.0 is "AGPL-3.0-only", not on the allow-list',
    'elkjs@9.0.0 is "GPL-3.0-only", not on the allow-list',
  ]);
});
