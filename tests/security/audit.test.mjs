import assert from "node:assert/strict";
import { test } from "node:test";
import { judgeAudit } from "../../scripts/audit.mjs";

const report = (vulnerabilities) =>
  JSON.stringify({
    vulnerabilities,
    metadata: { vulnerabilities: { low: 1, moderate: 2, high: 0, critical: 0 } },
  });

test("a high or critical advisory fails, naming the package and the advisory", () => {
  const verdict = judgeAudit(
    report({
      minimist: {
        name: "minimist",
        severity: "critical",
        range: "<1.2.6",
        via: [{ title: "Prototype Pollution", url: "https://github.com/advisories/GHSA-xvch" }],
      },
      lodash: { name: "lodash", severity: "moderate", range: "<4.17.21", via: ["x"] },
    }),
  );
  assert.equal(verdict.ok, false);
  assert.match(verdict.lines[0], /critical minimist <1\.2\.6: Prototype Pollution/);
  assert.equal(verdict.lines.length, 2);
});

test("moderate and low advisories pass with their counts", () => {
  const verdict = judgeAudit(
    report({ lodash: { name: "lodash", severity: "moderate", range: "<4", via: ["x"] } }),
  );
  assert.deepEqual(verdict, {
    ok: true,
    lines: ["npm audit: no high or critical advisories (2 moderate, 1 low)"],
  });
});

test("an advisory service that does not answer passes unless the audit is required", () => {
  const refused = JSON.stringify({ message: "405 Method Not Allowed", error: { summary: "" } });
  assert.equal(judgeAudit(refused, { status: 1 }).ok, true);
  assert.match(judgeAudit(refused, { status: 1 }).lines[0], /did not answer \(405/);
  assert.equal(judgeAudit(refused, { status: 1, required: true }).ok, false);
  assert.equal(judgeAudit("", { stderr: "npm error network", status: 1 }).ok, true);
});
