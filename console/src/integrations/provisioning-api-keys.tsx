import { type FormEvent, useState } from 'react';
import { type Schemas, unwrap } from '../api/api-client';
import { ConfirmDialog } from '../common/confirm-dialog';
import { Pager } from '../common/pager';
import { Empty, LoadedView } from '../common/states';
import { ExactTime, TimeAgo } from '../common/time-ago';
import { messageOf } from '../common/use-api';
import { useCursorPages } from '../common/use-cursor-pages';
import { useSession } from '../session/session';
import { IssuedApiKey } from './issued-api-key';

type ApiKey = Schemas['ApiKeyResponseDto'];
type Scope = ApiKey['scope'];

/** The Provisioning API tab's keys: create (shown once), list with last use, revoke behind a confirmation. */
export function ProvisioningApiKeys({ onChanged }: { onChanged: () => void }) {
  const { api } = useSession();
  const pages = useCursorPages(
    (cursor) => unwrap(api.GET('/api/admin/directory-integrations/provisioning-api/keys', { params: { query: { cursor } } })),
    'provisioning-api-keys',
  );
  const [name, setName] = useState('');
  const [scope, setScope] = useState<Scope>('read-write');
  const [issued, setIssued] = useState<Schemas['CreatedApiKeyResponseDto'] | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      await work();
      pages.reload();
      onChanged();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      setIssued(await unwrap(api.POST('/api/admin/directory-integrations/provisioning-api/keys', { body: { name: name.trim(), scope } })));
      setName('');
    });
  };
  const revoke = (key: ApiKey) => {
    setRevoking(null);
    void run(async () => {
      await unwrap(api.DELETE('/api/admin/directory-integrations/provisioning-api/keys/{keyId}', { params: { path: { keyId: key.id } } }));
      if (issued?.id === key.id) setIssued(null);
      setNotice(`The key “${key.name}” was revoked: its requests get 401 from now on.`);
    });
  };

  return (
    <>
      <h3>API keys</h3>
      <form className="filters" onSubmit={create} aria-label="Create an API key">
        <label>
          Key name
          <input
            required
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="e.g. HR nightly sync"
          />
        </label>
        <label>
          Scope
          <select value={scope} onChange={(event) => setScope(event.target.value === 'read-only' ? 'read-only' : 'read-write')}>
            <option value="read-write">Read-write</option>
            <option value="read-only">Read-only (GET only)</option>
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy}>
          Create API key
        </button>
      </form>
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      {issued && <IssuedApiKey apiKey={issued} onDone={() => setIssued(null)} />}
      <LoadedView loaded={pages.loaded} what="the API keys" onRetry={pages.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No API keys yet: create one for your script.</Empty>
          ) : (
            <table>
              <caption>Provisioning API keys, revoked ones included</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key</th>
                  <th scope="col">Scope</th>
                  <th scope="col">Created</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {items.map((key) => (
                  <tr key={key.id}>
                    <td>{key.name}</td>
                    <td>
                      <code>{key.prefix}…</code>
                    </td>
                    <td>{key.scope}</td>
                    <td>
                      <ExactTime iso={key.createdAt} />
                    </td>
                    <td>
                      <TimeAgo iso={key.lastUsedAt} />
                    </td>
                    <td>
                      {key.revokedAt ? (
                        <>
                          Revoked <ExactTime iso={key.revokedAt} />
                        </>
                      ) : (
                        <button
                          type="button"
                          className="danger"
                          disabled={busy}
                          onClick={() => setRevoking(key)}
                          aria-label={`Revoke ${key.name}`}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadedView>
      <Pager pages={pages} label="API keys" />
      {revoking && (
        <ConfirmDialog
          title={`Revoke the key “${revoking.name}”?`}
          confirmLabel="Revoke key"
          onConfirm={() => revoke(revoking)}
          onCancel={() => setRevoking(null)}
        >
          <p>
            Scripts using <code>{revoking.prefix}…</code> get 401 from the moment you confirm. This cannot be undone: a new key must be
            created and put into them.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
