import { type Schemas, unwrap } from '../api/api-client';
import { LoadedView } from '../common/states';
import { TimeAgo } from '../common/time-ago';
import { useApi } from '../common/use-api';
import { useSession } from '../session/session';

type ConnectorRun = Schemas['ConnectorRunResponseDto'];

/**
 * The Active Directory tab's agent: last contact and version, the last run, the latest failed runs. Loaded again
 * whenever the tab is (a new `integration` object).
 */
export function ConnectorSection({ integration }: { integration: Schemas['DirectoryIntegrationResponseDto'] }) {
  const { api } = useSession();
  const status = useApi(() => unwrap(api.GET('/api/admin/directory-integrations/active-directory/connector')), [api, integration]);
  return (
    <>
      <h3>Connector agent</h3>
      <p>
        The agent runs next to your Active Directory or LDAP server and sends what it holds here:{' '}
        <code>npx dps-directory-connector --config connector.yaml</code>, with the connector token below (docs/directory-connector.md).
      </p>
      <LoadedView loaded={status.loaded} what="the connector's state" onRetry={status.reload}>
        {({ agent, lastRun, recentErrors, heldSnapshots }) => (
          <>
            <dl className="facts" data-testid="connector-state">
              <dt>Last contact</dt>
              <dd>
                <TimeAgo iso={agent?.lastContactAt ?? null} never="The agent has not connected yet" />
              </dd>
              <dt>Agent version</dt>
              <dd>{agent?.version ?? '—'}</dd>
              <dt>Last run</dt>
              <dd data-testid="connector-last-run">{lastRun ? <RunSummary run={lastRun} /> : 'None yet'}</dd>
              <dt>Held for your decision</dt>
              <dd>{heldSnapshots.length === 0 ? 'None' : `${heldSnapshots.length}: confirm or reject under Directory snapshots`}</dd>
            </dl>
            {recentErrors.length > 0 && (
              <>
                <h4>Recent errors</h4>
                <ul className="connector-errors">
                  {recentErrors.map((run) => (
                    <li key={run.id}>
                      <TimeAgo iso={run.finishedAt} />: {run.error ?? 'failed'}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </>
        )}
      </LoadedView>
    </>
  );
}

function RunSummary({ run }: { run: ConnectorRun }) {
  return (
    <>
      {run.result}, <TimeAgo iso={run.finishedAt} />: {run.users} users, {run.groups} groups in {(run.durationMs / 1000).toFixed(1)} s
    </>
  );
}
