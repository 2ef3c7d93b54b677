import { useState } from 'react';
import { type Schemas, unwrap } from '../api/api-client';
import { Pager } from '../common/pager';
import { filterOf, setFilter } from '../common/query-filters';
import { Empty, LoadedView } from '../common/states';
import { ExactTime } from '../common/time-ago';
import { useCursorPages } from '../common/use-cursor-pages';
import { useSession } from '../session/session';
import { PROVIDERS } from '../integrations/use-tabs';
import { navigate } from '../shell/router';

type Entry = Schemas['SyncLogEntryResponseDto'];
const OUTCOMES = ['success', 'failure', 'skipped'] as const;

export function SyncLogPage({ query }: { query: URLSearchParams }) {
  const { api } = useSession();
  const provider = PROVIDERS.find((value) => value === filterOf(query, 'provider'));
  const outcome = OUTCOMES.find((value) => value === filterOf(query, 'outcome'));
  const status = filterOf(query, 'status');
  const since = filterOf(query, 'since');
  const until = filterOf(query, 'until');
  const [statusInput, setStatusInput] = useState(status ?? '');
  const [opened, setOpened] = useState<Entry | null>(null);
  const pages = useCursorPages(
    (cursor) => unwrap(api.GET('/api/admin/sync-log', { params: { query: { provider, outcome, status, since, until, cursor } } })),
    JSON.stringify([provider, outcome, status, since, until]),
  );

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Sync log</h1>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setFilter('/sync-log', query, 'status', statusInput.trim());
        }}
      >
        <label>
          Provider
          <select value={provider ?? ''} onChange={(event) => setFilter('/sync-log', query, 'provider', event.target.value)}>
            <option value="">Every provider</option>
            {PROVIDERS.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
        <label>
          Outcome
          <select value={outcome ?? ''} onChange={(event) => setFilter('/sync-log', query, 'outcome', event.target.value)}>
            <option value="">Any outcome</option>
            <option value="success">Success</option>
            <option value="failure">Failure</option>
            <option value="skipped">Skipped (not the managing source)</option>
          </select>
        </label>
        <label>
          HTTP status
          <input value={statusInput} onChange={(event) => setStatusInput(event.target.value)} placeholder="e.g. 409" size={6} />
        </label>
        <button type="submit">Filter</button>
      </form>
      {outcome === 'skipped' && (
        <p className="hint" data-testid="skipped-explained">
          Skipped: a provider’s write to a user or group that another source manages. It was answered with success, so the provider neither
          retries nor counts a failure, but nothing was applied; the entry’s detail names the managing source. Transfer the users to the
          provider that should manage them, or unassign them in the other provider.
        </p>
      )}
      {(since || until) && (
        <p className="notice">
          Entries{' '}
          {since && (
            <>
              from <ExactTime iso={since} />{' '}
            </>
          )}
          {until && (
            <>
              until <ExactTime iso={until} />
            </>
          )}
          .{' '}
          <button
            type="button"
            className="link"
            onClick={() => navigate(`/sync-log${provider ? `?provider=${provider}` : ''}`, { replace: true })}
          >
            Show every time
          </button>
        </p>
      )}
      <LoadedView loaded={pages.loaded} what="the sync log" onRetry={pages.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No SCIM writes{provider || outcome || status || since || until ? ' match these filters' : ' yet'}.</Empty>
          ) : (
            <table>
              <caption>Writes, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Operation</th>
                  <th scope="col">About</th>
                  <th scope="col">Status</th>
                  <th scope="col">Entry</th>
                </tr>
              </thead>
              <tbody>
                {items.map((entry) => (
                  <tr key={entry.id} className={entry.outcome === 'failure' ? 'failure' : undefined}>
                    <td>
                      <ExactTime iso={entry.occurredAt} />
                    </td>
                    <td>{entry.provider}</td>
                    <td>
                      {entry.operation} {entry.resourceType}
                    </td>
                    <td>{entry.userName ?? entry.displayName ?? entry.externalId ?? entry.resourceId ?? '—'}</td>
                    <td>
                      {entry.status} {entry.outcome === 'failure' ? `failure${entry.scimType ? ` (${entry.scimType})` : ''}` : ''}
                      {entry.outcome === 'skipped' ? 'skipped, not applied' : ''}
                    </td>
                    <td>
                      <button type="button" className="link" onClick={() => setOpened(entry)} aria-label={`Details of entry ${entry.id}`}>
                        Details
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadedView>
      <Pager pages={pages} label="Sync log" />
      {opened && <SyncLogEntryDetail entry={opened} onClose={() => setOpened(null)} />}
    </section>
  );
}

function SyncLogEntryDetail({ entry, onClose }: { entry: Entry; onClose: () => void }) {
  return (
    <div className="detail" role="region" aria-labelledby="entry-title">
      <h2 id="entry-title">Sync-log entry {entry.id}</h2>
      <dl className="facts">
        <dt>Time</dt>
        <dd>
          <ExactTime iso={entry.occurredAt} />
        </dd>
        <dt>Provider</dt>
        <dd>{entry.provider}</dd>
        <dt>Operation</dt>
        <dd>
          {entry.operation} {entry.resourceType}
        </dd>
        <dt>Resource id</dt>
        <dd>{entry.resourceId ?? '—'}</dd>
        <dt>userName</dt>
        <dd>{entry.userName ?? '—'}</dd>
        <dt>displayName</dt>
        <dd>{entry.displayName ?? '—'}</dd>
        <dt>externalId</dt>
        <dd>{entry.externalId ?? '—'}</dd>
        <dt>HTTP status</dt>
        <dd>{entry.status}</dd>
        <dt>Outcome</dt>
        <dd>{entry.outcome}</dd>
        <dt>{entry.outcome === 'skipped' ? 'Why skipped' : 'SCIM error'}</dt>
        <dd>{entry.scimType || entry.detail ? `${entry.scimType ?? ''} ${entry.detail ?? ''}` : '—'}</dd>
        <dt>Request id</dt>
        <dd>
          <code>{entry.requestId ?? '—'}</code>
        </dd>
      </dl>
      <button type="button" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
