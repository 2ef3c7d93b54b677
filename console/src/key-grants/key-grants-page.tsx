import { type Schemas, unwrap } from '../api/api-client';
import { Empty, LoadedView } from '../common/states';
import { ExactTime, TimeAgo } from '../common/time-ago';
import { useApi } from '../common/use-api';
import { useSession } from '../session/session';

type Task = Schemas['KeyGrantTaskResponseDto'];

/** The OpenAPI document gives some nullable fields of the backlog no type: read them as the strings or numbers they are. */
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const count = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function waited(seconds: number): string {
  if (seconds < 120) return `${seconds} s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
}

/** Group-key grants and revocations waiting for the company's encryption service, and those it failed for good. */
export function KeyGrantsPage() {
  const { api } = useSession();
  const { loaded, reload } = useApi(() => unwrap(api.GET('/api/admin/key-grants')), [api]);

  return (
    <section aria-labelledby="page-title">
      <div className="panel-heading">
        <h1 id="page-title">Key hand-off</h1>
        <button type="button" onClick={reload} disabled={loaded.state === 'loading'}>
          {loaded.state === 'loading' ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      <p className="hint">
        When a user joins or leaves a group, your encryption service grants or revokes the group’s key. A backlog that keeps growing, or an
        oldest wait that keeps getting longer, means that service is down or behind.
      </p>
      <LoadedView loaded={loaded} what="the key hand-off backlog" onRetry={reload}>
        {(backlog) => {
          const oldestAt = text(backlog.oldestQueuedAt);
          const age = count(backlog.oldestQueuedAgeSeconds);
          return (
            <>
              <dl className="facts" aria-label="Backlog">
                <dt>Waiting</dt>
                <dd data-testid="key-grants-queued">{backlog.queued}</dd>
                <dt>Held by the encryption service</dt>
                <dd>{backlog.leased}</dd>
                <dt>Failed for good</dt>
                <dd>{backlog.failed}</dd>
                <dt>Oldest waiting</dt>
                <dd>
                  {oldestAt && age !== null ? (
                    <>
                      {waited(age)}, since <TimeAgo iso={oldestAt} />
                    </>
                  ) : (
                    'Nothing waiting'
                  )}
                </dd>
              </dl>
              {backlog.queued + backlog.leased === 0 && <Empty>Nothing waiting: every grant and revocation was handed over.</Empty>}
              <h2>Recent failures</h2>
              {backlog.recentFailures.length === 0 ? (
                <Empty>No grant or revocation has failed for good.</Empty>
              ) : (
                <FailedTasks tasks={backlog.recentFailures} />
              )}
            </>
          );
        }}
      </LoadedView>
    </section>
  );
}

function FailedTasks({ tasks }: { tasks: Task[] }) {
  return (
    <table>
      <caption>The {tasks.length} latest failed for good, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Failed</th>
          <th scope="col">Kind</th>
          <th scope="col">User</th>
          <th scope="col">Group</th>
          <th scope="col">Attempts</th>
          <th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => {
          const finishedAt = text(task.finishedAt);
          return (
            <tr key={task.id} className="failure">
              <td>{finishedAt ? <ExactTime iso={finishedAt} /> : '—'}</td>
              <td>{task.kind}</td>
              <td>{text(task.userName) ?? (task.userId ? text(task.userId) : 'every holder of the group’s key')}</td>
              <td>{text(task.groupDisplayName) ?? (task.groupId ? text(task.groupId) : 'every group of the user')}</td>
              <td>{task.attempt}</td>
              <td>{text(task.lastError) ?? '—'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
