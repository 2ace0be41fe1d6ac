import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import {
  VERSION_LIMIT,
  loadGroupVersions,
  toAwsProblem,
  type ApprovalStatus,
  type ModelMetric,
  type ModelPackageGroup,
  type ModelPackageSummary,
  type RegistryVersion,
} from "../../aws";
import { useDesignerStores } from "../designerContext";
import { useAccountState, useConnectionState } from "./account";

/** The group the view showed last, shown again when it opens again. */
let lastGroup: string | null = null;

const STATUS_TEXT: Record<ApprovalStatus, string> = {
  PendingManualApproval: "Pending manual approval",
  Approved: "Approved",
  Rejected: "Rejected",
};

const problemText = (error: unknown) => {
  const problem = toAwsProblem(error);
  return `${problem.code}: ${problem.message}`;
};

const formatValue = (value: ModelMetric["value"]) =>
  typeof value === "number" ? String(Number(value.toFixed(4))) : String(value);

const formatTime = (date?: Date) => (date ? date.toLocaleString() : "—");

interface Listing {
  group: string;
  versions: RegistryVersion[];
  total: number;
}

interface Decision {
  version: ModelPackageSummary;
  status: Exclude<ApprovalStatus, "PendingManualApproval">;
}

/** The model registry: groups, a group's versions with metrics and approval, approve or reject. */
export default function RegistryView() {
  const { connection } = useAccountState();
  const { user } = useConnectionState();
  const stores = useDesignerStores();
  const [groups, setGroups] = useState<ModelPackageGroup[] | null>(null);
  const [group, setGroup] = useState<string | null>(lastGroup);
  const [listing, setListing] = useState<Listing | null>(null);
  const [groupsError, setGroupsError] = useState<string | null>(null);
  const [versionsError, setVersionsError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const [decision, setDecision] = useState<Decision | null>(null);
  const refreshButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!connection || !user) return;
    let cancelled = false;
    void (async () => {
      try {
        const client = await connection.pipelineClient();
        const found = await client.listModelPackageGroups();
        if (cancelled) return;
        setGroups(found);
        setGroupsError(null);
        setGroup((current) =>
          current && found.some((candidate) => candidate.name === current)
            ? current
            : (found[0]?.name ?? null),
        );
      } catch (caught) {
        if (cancelled) return;
        setGroups([]);
        setGroupsError(problemText(caught));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [connection, user, reload]);

  useEffect(() => {
    lastGroup = group;
    // A refresh keeps the table on screen until the new one is there; another group clears it.
    setListing((current) => (current?.group === group ? current : null));
    if (!connection || !user || !group) return;
    let cancelled = false;
    void (async () => {
      try {
        const client = await connection.pipelineClient();
        const loaded = await loadGroupVersions(client, group);
        if (cancelled) return;
        setListing({ group, ...loaded });
        setVersionsError(null);
      } catch (caught) {
        if (cancelled) return;
        setListing({ group, versions: [], total: 0 });
        setVersionsError(problemText(caught));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [connection, user, group, reload]);

  if (!user) return <p>Sign in to see the model registry.</p>;

  const decided = (message: string) => {
    setDecision(null);
    stores.ui.getState().announce(message);
    setReload((count) => count + 1);
    refreshButton.current?.focus();
  };
  const error = groupsError ?? versionsError;

  return (
    <div className="registry">
      <div className="registry__bar">
        <GroupChooser groups={groups} group={group} onChoose={setGroup} />
        <button ref={refreshButton} type="button" onClick={() => setReload((count) => count + 1)}>
          Refresh registry
        </button>
      </div>
      {error && (
        <p role="alert" className="form__error">
          {error}
        </p>
      )}
      {groups && groups.length === 0 && !error && (
        <p>No model package groups yet: a pipeline's register model step creates its group.</p>
      )}
      {group &&
        (listing ? (
          <VersionsTable
            group={group}
            listing={listing}
            onDecide={(version, status) => setDecision({ version, status })}
          />
        ) : (
          <p role="status">Loading the versions of {group}…</p>
        ))}
      {decision && connection && (
        <DecisionForm
          key={`${decision.version.arn}:${decision.status}`}
          decision={decision}
          onCancel={() => setDecision(null)}
          onDone={decided}
          update={async (description) => {
            const client = await connection.pipelineClient();
            await client.updateModelPackage({
              arn: decision.version.arn,
              approvalStatus: decision.status,
              description,
            });
          }}
        />
      )}
    </div>
  );
}

function GroupChooser({
  groups,
  group,
  onChoose,
}: {
  groups: ModelPackageGroup[] | null;
  group: string | null;
  onChoose: (name: string) => void;
}) {
  const id = useId();
  if (groups === null) return <p role="status">Loading model package groups…</p>;
  if (groups.length === 0) return null;
  const chosen = groups.find((candidate) => candidate.name === group);
  return (
    <div className="registry__group">
      <label htmlFor={id}>Model package group</label>
      <select id={id} value={group ?? ""} onChange={(event) => onChoose(event.target.value)}>
        {groups.map((candidate) => (
          <option key={candidate.arn || candidate.name} value={candidate.name}>
            {candidate.name}
          </option>
        ))}
      </select>
      {chosen?.description && <span className="form__hint">{chosen.description}</span>}
    </div>
  );
}

function VersionsTable({
  group,
  listing,
  onDecide,
}: {
  group: string;
  listing: Listing;
  onDecide: (version: ModelPackageSummary, status: Decision["status"]) => void;
}) {
  if (listing.versions.length === 0) return <p>No versions in {group} yet.</p>;
  return (
    <>
      {listing.total > listing.versions.length && (
        <p className="form__hint">
          Showing the newest {VERSION_LIMIT} of {listing.total} versions.
        </p>
      )}
      <div className="registry__scroll">
        <table aria-label={`Versions of ${group}`} className="registry__table">
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">Created</th>
              <th scope="col">Approval</th>
              <th scope="col">Metrics</th>
              <th scope="col">Metadata</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {listing.versions.map((version) => (
              <VersionRow key={version.summary.arn} version={version} onDecide={onDecide} />
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function VersionRow({
  version,
  onDecide,
}: {
  version: RegistryVersion;
  onDecide: (version: ModelPackageSummary, status: Decision["status"]) => void;
}) {
  const { summary, detail, metrics, problem } = version;
  const label = `version ${summary.version}`;
  const metadata = Object.entries(detail?.customerMetadata ?? {});
  return (
    <tr>
      <th scope="row" title={summary.arn}>
        Version {summary.version}
      </th>
      <td>{formatTime(summary.creationTime)}</td>
      <td>
        <span className={`registry__status registry__status--${summary.approvalStatus}`}>
          {STATUS_TEXT[summary.approvalStatus]}
        </span>
        {detail?.approvalDescription && (
          <span className="registry__note">{detail.approvalDescription}</span>
        )}
      </td>
      <td>
        {metrics && metrics.length > 0 ? (
          <div role="group" aria-label={`Metrics of ${label}`} title={detail?.metricsUri}>
            <dl className="registry__pairs">
              {metrics.map((metric) => (
                <div key={metric.path}>
                  <dt title={metric.path}>{metric.name}</dt>
                  <dd>
                    {formatValue(metric.value)}
                    {metric.standardDeviation !== undefined &&
                      ` ± ${formatValue(metric.standardDeviation)}`}
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ) : problem ? null : (
          <span title="This version names no evaluation report">—</span>
        )}
        {problem && <span className="registry__problem">{problem}</span>}
      </td>
      <td>
        {metadata.length > 0 ? (
          <div role="group" aria-label={`Customer metadata of ${label}`}>
            <dl className="registry__pairs">
              {metadata.map(([key, value]) => (
                <div key={key}>
                  <dt>{key}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
          </div>
        ) : (
          "—"
        )}
      </td>
      <td className="registry__actions">
        <button
          type="button"
          aria-label={`Approve ${label}`}
          disabled={summary.approvalStatus === "Approved"}
          onClick={() => onDecide(summary, "Approved")}
        >
          Approve
        </button>
        <button
          type="button"
          aria-label={`Reject ${label}`}
          disabled={summary.approvalStatus === "Rejected"}
          onClick={() => onDecide(summary, "Rejected")}
        >
          Reject
        </button>
      </td>
    </tr>
  );
}

/** Approve or reject one version, with an optional description; the service's error stays shown. */
function DecisionForm({
  decision,
  update,
  onCancel,
  onDone,
}: {
  decision: Decision;
  update: (description: string) => Promise<void>;
  onCancel: () => void;
  onDone: (message: string) => void;
}) {
  const id = useId();
  const [description, setDescription] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const verb = decision.status === "Approved" ? "Approve" : "Reject";
  const name = `${verb} version ${decision.version.version}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await update(description);
      onDone(
        `Version ${decision.version.version} of ${decision.version.groupName} ${decision.status.toLowerCase()}.`,
      );
    } catch (caught) {
      setError(problemText(caught));
      setBusy(false);
    }
  };

  return (
    <form className="form registry__decision" aria-label={name} onSubmit={(e) => void submit(e)}>
      <p>
        {name} of {decision.version.groupName}?
      </p>
      <label htmlFor={id}>Description (optional)</label>
      <textarea
        id={id}
        autoFocus
        rows={2}
        value={description}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => setDescription(event.target.value)}
      />
      {error && (
        <p id={`${id}-error`} role="alert" className="form__error">
          {error}
        </p>
      )}
      <div className="dialog__actions">
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy}>
          {decision.status === "Approved" ? "Confirm approval" : "Confirm rejection"}
        </button>
      </div>
    </form>
  );
}
