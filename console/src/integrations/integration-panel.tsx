import { useState } from 'react';
import { type Schemas, unwrap } from '../api/api-client';
import { ConfirmDialog } from '../common/confirm-dialog';
import { CopyButton } from '../common/copy-button';
import { ExactTime, TimeAgo } from '../common/time-ago';
import { LoadedView } from '../common/states';
import { messageOf, useApi } from '../common/use-api';
import { useSession } from '../session/session';
import { Link } from '../shell/link';
import { DirectorySnapshots } from './directory-snapshots';
import { GoogleWorkspaceSection } from './google-workspace-section';
import { IssuedToken } from './issued-token';
import { OwnershipControls } from './ownership-controls';
import { ConnectorSection } from './connector-section';
import { apiBaseUrl, ProvisioningApiSection } from './provisioning-api-section';
import { SyncActivityChart } from './sync-activity-chart';

type Integration = Schemas['DirectoryIntegrationResponseDto'];
type TokenAction = 'create' | 'reset' | 'revoke';

interface Props {
  integration: Integration;
  others: Pick<Integration, 'provider' | 'displayName'>[];
  refreshing: boolean;
  onChanged: () => void;
}

export function IntegrationPanel({ integration, others, refreshing, onChanged }: Props) {
  const { api } = useSession();
  const [issued, setIssued] = useState<Schemas['IssuedProvisioningTokenResponseDto'] | null>(null);
  const [confirming, setConfirming] = useState<'reset' | 'revoke' | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [googleChanges, setGoogleChanges] = useState(0);
  const { provider, displayName, token } = integration;
  const connector = provider === 'active-directory';
  const tokenName = connector ? 'connector token' : 'provisioning token';
  const params = { params: { path: { provider } } };
  const activity = useApi(() => unwrap(api.GET('/api/admin/sync-log/activity', { params: { query: { provider } } })), [api, provider]);
  const refresh = () => {
    onChanged();
    activity.reload();
  };

  const act = async (action: TokenAction) => {
    setConfirming(null);
    setBusy(true);
    setError(null);
    try {
      if (action === 'create') setIssued(await unwrap(api.POST('/api/admin/directory-integrations/{provider}/token', params)));
      if (action === 'reset') setIssued(await unwrap(api.POST('/api/admin/directory-integrations/{provider}/token/reset', params)));
      if (action === 'revoke') {
        await unwrap(api.DELETE('/api/admin/directory-integrations/{provider}/token', params));
        setIssued(null);
      }
      onChanged();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="panel">
      <div className="panel-heading">
        <h2>{displayName}</h2>
        <button type="button" onClick={refresh} disabled={refreshing}>
          {refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>

      {integration.warnings.map((warning) => (
        <p key={warning} className="notice notice-warning" role="note" data-testid="policy-warning">
          {warning} <Link to="/policies">Open policies</Link>
        </p>
      ))}

      {provider === 'google-workspace' && (
        <GoogleWorkspaceSection
          onChanged={() => {
            setGoogleChanges((value) => value + 1);
            onChanged();
          }}
        />
      )}

      {provider === 'provisioning-api' ? (
        <ProvisioningApiSection baseUrl={apiBaseUrl(integration)} onChanged={onChanged} />
      ) : (
        <>
          {connector ? (
            <ConnectorSection integration={integration} />
          ) : (
            <>
              <h3>SCIM base URL</h3>
              <div className="copy-row">
                <input aria-label="SCIM base URL" readOnly value={integration.scimBaseUrl} onFocus={(event) => event.target.select()} />
                <CopyButton value={integration.scimBaseUrl} label="Copy the SCIM base URL" />
              </div>
            </>
          )}

          <h3>{connector ? 'Connector token' : 'Provisioning token'}</h3>
          {token.status === 'active' ? (
            <p>
              You’ve already created your {tokenName} (<code>{token.prefix}…</code>
              {token.createdAt && (
                <>
                  , created <ExactTime iso={token.createdAt} />
                </>
              )}
              {token.createdBy?.email && <> by {token.createdBy.email}</>}). If you don’t know it, reset it.
            </p>
          ) : (
            <p>
              No {tokenName} yet: create one and {connector ? 'put it in the agent’s configuration' : `paste it into ${displayName}`}.
            </p>
          )}
          <div className="actions">
            {token.status === 'none' ? (
              <button type="button" className="primary" disabled={busy} onClick={() => void act('create')}>
                Create {tokenName}
              </button>
            ) : (
              <>
                <button type="button" className="primary" disabled={busy} onClick={() => setConfirming('reset')}>
                  Reset {tokenName}
                </button>
                <button type="button" className="danger" disabled={busy} onClick={() => setConfirming('revoke')}>
                  Revoke {tokenName}
                </button>
              </>
            )}
          </div>
          {error && (
            <p className="notice notice-error" role="alert">
              {error}
            </p>
          )}
          {issued && (
            <>
              {issued.warnings
                .filter((warning) => !integration.warnings.includes(warning))
                .map((warning) => (
                  <p key={warning} className="notice notice-warning" role="alert">
                    {warning}
                  </p>
                ))}
              <IssuedToken token={issued.token} tokenName={tokenName} providerName={displayName} onDone={() => setIssued(null)} />
            </>
          )}
          {confirming === 'reset' && (
            <ConfirmDialog
              title={`Reset the ${displayName} ${tokenName}?`}
              confirmLabel="Reset token"
              onConfirm={() => void act('reset')}
              onCancel={() => setConfirming(null)}
            >
              <p>
                The current token (<code>{token.prefix}…</code>) stops working at once: {displayName} gets 401 until you paste the new token
                into it.
              </p>
            </ConfirmDialog>
          )}
          {confirming === 'revoke' && (
            <ConfirmDialog
              title={`Revoke the ${displayName} ${tokenName}?`}
              confirmLabel="Revoke token"
              onConfirm={() => void act('revoke')}
              onCancel={() => setConfirming(null)}
            >
              <p>Provisioning from {displayName} stops at once: its requests get 401 until you create a new token.</p>
            </ConfirmDialog>
          )}
        </>
      )}

      <h3>Activity</h3>
      <dl className="facts">
        <dt>Last sync</dt>
        <dd data-testid="last-sync">
          <TimeAgo iso={integration.lastSyncAt} />
        </dd>
        <dt>Users</dt>
        <dd>{integration.counters.users}</dd>
        <dt>Groups</dt>
        <dd>{integration.counters.groups}</dd>
        <dt>Failures in the last 24 hours</dt>
        <dd>
          {integration.failures.last24Hours > 0 ? (
            <Link to={`/sync-log?provider=${provider}&outcome=failure`}>{integration.failures.last24Hours}</Link>
          ) : (
            0
          )}
        </dd>
        <dt>Skipped writes in the last 24 hours</dt>
        <dd>
          {integration.conflicts.last24Hours > 0 ? (
            <Link to={`/sync-log?provider=${provider}&outcome=skipped`}>
              {integration.conflicts.last24Hours} (to users or groups another source manages)
            </Link>
          ) : (
            0
          )}
        </dd>
        <dt>Latest failure</dt>
        <dd>
          {integration.failures.latest ? (
            <>
              {integration.failures.latestSummary} (<TimeAgo iso={integration.failures.latest.occurredAt} />)
            </>
          ) : (
            'None'
          )}
        </dd>
      </dl>

      <h3>Sync activity, last 7 days</h3>
      <LoadedView loaded={activity.loaded} what="the sync activity" onRetry={activity.reload}>
        {(data) => <SyncActivityChart activity={data} provider={provider} />}
      </LoadedView>

      <OwnershipControls integration={integration} others={others} onChanged={onChanged} />

      {(provider === 'provisioning-api' || provider === 'google-workspace' || connector) && (
        // A Google Workspace run or setup change may add snapshots: shown anew.
        <DirectorySnapshots key={googleChanges} integrationId={integration.integrationId} onChanged={onChanged} />
      )}

      <h3>Set up {displayName}</h3>
      <table className="setup">
        <caption>Fields of {displayName}’s provisioning form</caption>
        <thead>
          <tr>
            <th scope="col">Field in {displayName}</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {integration.setup.fields.map((field) => (
            <tr key={field.label}>
              <th scope="row">{field.label}</th>
              <td>
                {field.kind === 'token' ? (
                  `The ${tokenName}, shown once when you create or reset it`
                ) : field.value !== null ? (
                  <>
                    <code>{field.value}</code> <CopyButton value={field.value} label={`Copy ${field.label}`} />
                  </>
                ) : (
                  '—'
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {integration.setup.notes.length > 0 && (
        <ol className="notes">
          {integration.setup.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ol>
      )}
    </div>
  );
}
