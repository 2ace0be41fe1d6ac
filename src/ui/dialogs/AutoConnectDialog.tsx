import { useMemo, useState } from "react";
import { proposeLinks } from "../../resolver";
import type { DesignState } from "../../store/designStore";
import { useDesign, useDesignerStores } from "../designerContext";
import { Dialog } from "./Dialog";

const selectDesign = (state: DesignState) => state.design;

/** The resolver's proposals for unfed required inputs, each with its score and reason; accept or reject each. */
export function AutoConnectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <Dialog title="Auto-connect" open={open} onClose={onClose}>
      <Proposals onClose={onClose} />
    </Dialog>
  );
}

function Proposals({ onClose }: { onClose: () => void }) {
  const design = useDesign(selectDesign);
  const stores = useDesignerStores();
  const { proposals, unresolved } = useMemo(() => proposeLinks(design), [design]);
  const [rejected, setRejected] = useState<Set<number>>(new Set());
  const name = (id: string) => design.steps.find((step) => step.id === id)?.name ?? id;
  const accept = () => {
    const edges = proposals
      .filter((_, index) => !rejected.has(index))
      .map((proposal) => proposal.edge);
    const added = stores.design.getState().connectMany(edges);
    stores.ui
      .getState()
      .announce(`Auto-connect added ${added.length} link${added.length === 1 ? "" : "s"}.`);
    onClose();
  };
  return (
    <>
      {proposals.length === 0 ? (
        <p>Every required input is already linked, or nothing fits it.</p>
      ) : (
        <table className="proposals">
          <thead>
            <tr>
              <th scope="col">Accept</th>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {proposals.map((proposal, index) => {
              const label = `${name(proposal.edge.from.step)}.${proposal.edge.from.output} → ${name(proposal.edge.to.step)}.${proposal.edge.to.input}`;
              return (
                <tr key={label} title={proposal.explanation}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Accept ${label}`}
                      checked={!rejected.has(index)}
                      onChange={(event) => {
                        const next = new Set(rejected);
                        if (event.target.checked) next.delete(index);
                        else next.add(index);
                        setRejected(next);
                      }}
                    />
                  </td>
                  <td>{`${name(proposal.edge.from.step)}.${proposal.edge.from.output}`}</td>
                  <td>{`${name(proposal.edge.to.step)}.${proposal.edge.to.input}`}</td>
                  <td>
                    <abbr title={proposal.explanation}>{proposal.score.toFixed(2)}</abbr>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {unresolved.length > 0 && (
        <>
          <h3>Not linked</h3>
          <ul>
            {unresolved.map((item) => (
              <li key={`${item.step}.${item.input}`}>
                {name(item.step)}.{item.input}: {item.reason}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="dialog__actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={proposals.length === rejected.size}
          onClick={accept}
        >
          Connect selected
        </button>
      </div>
    </>
  );
}
