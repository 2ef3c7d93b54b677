import { useState } from 'react';
import { unwrap } from '../api/api-client';
import { ConfirmDialog } from '../common/confirm-dialog';
import { ExactTime } from '../common/time-ago';
import { messageOf } from '../common/use-api';
import { useSession } from '../session/session';
import { plannedOf, type Snapshot, usersLosingAccess } from './snapshot-record';

interface Props {
  snapshot: Snapshot;
  deprovisionAction: 'disable' | 'delete' | undefined;
  onDecided: (message: string) => void;
}

/** A snapshot the deletion guard held: why, what it would change, and Confirm / Reject behind a confirmation. */
export function HeldSnapshot({ snapshot, deprovisionAction, onDecided }: Props) {
  const { api } = useSession();
  const [deciding, setDeciding] = useState<'confirm' | 'reject' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const planned = plannedOf(snapshot);
  const losing = planned ? usersLosingAccess(planned) : 0;
  const path = { params: { path: { id: snapshot.id } } };

  const decide = async (decision: 'confirm' | 'reject') => {
    setDeciding(null);
    setBusy(true);
    setError(null);
    try {
      if (decision === 'confirm') {
        const after = await unwrap(api.POST('/api/admin/directory-sync/snapshots/{id}/confirm', path));
        onDecided(
          after.state === 'held'
            ? `The snapshot was held again: more users would lose access now. ${after.reason ?? ''}`
            : `The snapshot was ${after.state}.`,
        );
      } else {
        await unwrap(api.POST('/api/admin/directory-sync/snapshots/{id}/reject', path));
        onDecided('The snapshot was rejected: it will never apply.');
      }
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="held" role="region" aria-labelledby={`held-${snapshot.id}`}>
      <h4 id={`held-${snapshot.id}`}>
        Held snapshot of <ExactTime iso={snapshot.committedAt ?? snapshot.createdAt} />
      </h4>
      <p className="notice notice-warning">
        {(snapshot.reason ?? 'The deletion guard held this snapshot').replace(/\.?$/, '.')} Nothing of it is applied until you confirm it;
        unconfirmed, it expires <ExactTime iso={snapshot.expiresAt} />.
      </p>
      {planned && (
        <>
          <p>
            Users: {planned.counts.users.created} created, {planned.counts.users.updated} updated, {planned.counts.users.enabled}{' '}
            re-enabled, {planned.counts.users.disabled} disabled, {planned.counts.users.deprovisioned} deprovisioned, of{' '}
            {planned.counts.users.managed} managed ({planned.removalPercent}% would lose access). Groups: {planned.counts.groups.created}{' '}
            created, {planned.counts.groups.updated} renamed, {planned.counts.groups.deleted} deleted. Issues: {planned.counts.issues}.
          </p>
          <table>
            <caption>Planned changes{planned.moreChanges ? ` (the first ${planned.changes.length}; the counts cover all)` : ''}</caption>
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">User or group</th>
                <th scope="col">Detail</th>
              </tr>
            </thead>
            <tbody>
              {planned.changes.map((change, index) => (
                <tr key={index} className={change.action === 'user.delete' || change.action === 'user.disable' ? 'failure' : undefined}>
                  <td>{change.action}</td>
                  <td>{change.target}</td>
                  <td>{change.detail ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => setDeciding('confirm')}>
          Confirm snapshot
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => setDeciding('reject')}>
          Reject snapshot
        </button>
      </div>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {deciding === 'confirm' && (
        <ConfirmDialog
          title="Apply the held snapshot?"
          confirmLabel="Apply snapshot"
          onConfirm={() => void decide('confirm')}
          onCancel={() => setDeciding(null)}
        >
          <p>
            {losing} {losing === 1 ? 'user' : 'users'} would lose access: {planned?.counts.users.deprovisioned ?? 0} deprovisioned (
            {deprovisionAction === 'delete' ? 'deleted, out of every group' : 'disabled'}) and {planned?.counts.users.disabled ?? 0}{' '}
            disabled. The difference is computed again as it is now; should more users lose access, the snapshot is held again.
          </p>
        </ConfirmDialog>
      )}
      {deciding === 'reject' && (
        <ConfirmDialog
          title="Reject the held snapshot?"
          confirmLabel="Reject snapshot"
          onConfirm={() => void decide('reject')}
          onCancel={() => setDeciding(null)}
        >
          <p>It never applies and its uploaded parts are dropped. The source’s next snapshot is judged on its own.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
