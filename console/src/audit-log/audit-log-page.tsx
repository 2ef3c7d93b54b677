import { type Schemas, unwrap } from '../api/api-client';
import { Pager } from '../common/pager';
import { Empty, LoadedView } from '../common/states';
import { ExactTime } from '../common/time-ago';
import { useCursorPages } from '../common/use-cursor-pages';
import { useSession } from '../session/session';

type Entry = Schemas['AuditLogEntryDto'];

function actorOf(entry: Entry): string {
  if (entry.actorType === 'admin') return entry.actorEmail ?? entry.actorId ?? 'admin';
  return `${entry.actorType}${entry.actorId ? ` ${entry.actorId}` : ''}`;
}

export function AuditLogPage() {
  const { api } = useSession();
  const pages = useCursorPages((cursor) => unwrap(api.GET('/api/admin/audit-log', { params: { query: { cursor } } })), 'audit');
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Audit log</h1>
      <LoadedView loaded={pages.loaded} what="the audit log" onRetry={pages.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>Nothing recorded yet.</Empty>
          ) : (
            <table>
              <caption>Admin actions, policy and token changes, service reports, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Who</th>
                  <th scope="col">Action</th>
                  <th scope="col">Target</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {items.map((entry) => (
                  <tr key={entry.id}>
                    <td>
                      <ExactTime iso={entry.createdAt} />
                    </td>
                    <td>{actorOf(entry)}</td>
                    <td>
                      <code>{entry.action}</code>
                    </td>
                    <td>{entry.targetType ? `${entry.targetType} ${entry.targetId ?? ''}` : '—'}</td>
                    <td>
                      <code className="details">{JSON.stringify(entry.details)}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadedView>
      <Pager pages={pages} label="Audit log" />
    </section>
  );
}
