// `npm audit` of what the built designer ships (--omit=dev): fails on a high or critical advisory.
// When the registry does not answer audit requests (a mirror without the advisory endpoint, no
// network), it says so and passes, since no advisory was found nor could be; AUDIT_REQUIRED=1
// makes that a failure too, for a CI that does reach the advisory service.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** What `npm audit --json` printed, judged: `{ ok, lines }`. */
export function judgeAudit(stdout, { stderr = "", status = 0, required = false } = {}) {
  let report = null;
  try {
    report = JSON.parse(stdout);
  } catch {
    // not JSON: npm itself failed; "not answered" below
  }
  const counts = report?.metadata?.vulnerabilities;
  if (!counts) {
    const why = report?.message ?? report?.error?.summary ?? stderr.trim().split("\n").at(-1);
    const line = `npm audit: the advisory service did not answer (${why || `exit ${status}`})`;
    return required
      ? { ok: false, lines: [`${line}; AUDIT_REQUIRED=1, so this fails`] }
      : { ok: true, lines: [`${line}; not checked (AUDIT_REQUIRED=1 to fail on this)`] };
  }
  const serious = Object.values(report.vulnerabilities ?? {}).filter((vulnerability) =>
    ["high", "critical"].includes(vulnerability.severity),
  );
  if (serious.length === 0)
    return {
      ok: true,
      lines: [
        `npm audit: no high or critical advisories (${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low)`,
      ],
    };
  const lines = serious.map((vulnerability) => {
    const via = vulnerability.via
      .map((source) => (typeof source === "string" ? source : `${source.title} (${source.url})`))
      .join("; ");
    return `npm audit: ${vulnerability.severity} ${vulnerability.name} ${vulnerability.range}: ${via}`;
  });
  lines.push(
    "npm audit: fix with `npm update <package>` (or an override), then commit the lockfile",
  );
  return { ok: false, lines };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  const { ok, lines } = judgeAudit(run.stdout, {
    stderr: run.stderr,
    status: run.status,
    required: process.env.AUDIT_REQUIRED === "1",
  });
  for (const line of lines) (ok ? console.log : console.error)(line);
  process.exit(ok ? 0 : 1);
}
