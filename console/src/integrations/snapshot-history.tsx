import { unwrap } from '../api/api-client';
import { Pager } from '../common/pager';
import { Empty, LoadedView } from '../common/states';
import { ExactTime } from '../common/time-ago';
import { useCursorPages } from '../common/use-cursor-pages';
import { useSession } from '../session/session';
import { appliedOf, plannedOf, type Snapshot } from './snapshot-record';

/** Every snapshot of one source, newest first: state, counts, duration and who decided a held one. */
export function SnapshotHistory({ integrationId, generation }: { integrationId: string; generation: number }) {
  const { api } = useSession();
  const pages = useCursorPages(
    (cursor) => unwrap(api.GET('/api/admin/directory-sync/snapshots', { params: { query: { integrationId, cursor } } })),
    `${integrationId}/${generation}`,
  );
  return (
    <>
      <LoadedView loaded={pages.loaded} what="the snapshots" onRetry={pages.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>
              No snapshots yet: they appear when this source sends one (a script’s POST /api/v1/snapshots, a connector run, a Google
              Workspace run).
            </Empty>
          ) : (
            <table>
              <caption>Snapshots, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Created</th>
                  <th scope="col">State</th>
                  <th scope="col">Users</th>
                  <th scope="col">Groups</th>
                  <th scope="col">Duration</th>
                  <th scope="col">Decided by</th>
                </tr>
              </thead>
              <tbody>
                {items.map((snapshot) => (
                  <tr key={snapshot.id} className={snapshot.state === 'held' || snapshot.state === 'failed' ? 'failure' : undefined}>
                    <td>
                      <ExactTime iso={snapshot.createdAt} />
                    </td>
                    <td>{snapshot.state}</td>
                    <td>{userCounts(snapshot)}</td>
                    <td>{groupCounts(snapshot)}</td>
                    <td>{snapshot.durationMs === null ? '—' : `${(snapshot.durationMs / 1000).toFixed(1)} s`}</td>
                    <td>
                      {snapshot.decidedBy ? (
                        <>
                          {snapshot.decidedBy.email ?? snapshot.decidedBy.adminId}, <ExactTime iso={snapshot.decidedBy.at} />
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadedView>
      <Pager pages={pages} label="Snapshots" />
    </>
  );
}

function userCounts(snapshot: Snapshot): string {
  const applied = appliedOf(snapshot);
  if (applied) {
    const users = applied.applied.users;
    const failed = applied.failed > 0 ? `, ${applied.failed} refused` : '';
    return `${users.created} created, ${users.updated} updated, ${users.enabled} re-enabled, ${users.disabled} disabled, ${users.deprovisioned} deprovisioned${failed}`;
  }
  const planned = plannedOf(snapshot);
  if (!planned) return '—';
  const users = planned.counts.users;
  return `planned: ${users.created} created, ${users.updated} updated, ${users.disabled} disabled, ${users.deprovisioned} deprovisioned of ${users.managed}`;
}

function groupCounts(snapshot: Snapshot): string {
  const groups = appliedOf(snapshot)?.applied.groups ?? plannedOf(snapshot)?.counts.groups;
  if (!groups) return '—';
  return `${groups.created} created, ${groups.updated} renamed, ${groups.deleted} deleted, members +${groups.membersAdded} −${groups.membersRemoved}`;
}
