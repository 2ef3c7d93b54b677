import { type FormEvent, useState } from 'react';
import { type Schemas, unwrap } from '../api/api-client';
import { ConfirmDialog } from '../common/confirm-dialog';
import { CopyButton } from '../common/copy-button';
import { Pager } from '../common/pager';
import { Empty, LoadedView } from '../common/states';
import { ExactTime } from '../common/time-ago';
import { messageOf } from '../common/use-api';
import { useCursorPages } from '../common/use-cursor-pages';
import { useSession } from '../session/session';

type Admin = Schemas['AdminResponseDto'];

export function AdminsPage() {
  const { api, admin: me } = useSession();
  const pages = useCursorPages((cursor) => unwrap(api.GET('/api/admin/admins', { params: { query: { cursor } } })), 'admins');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Admin['role']>('admin');
  const [created, setCreated] = useState<Schemas['CreatedAdminResponseDto'] | null>(null);
  const [revoking, setRevoking] = useState<Admin | null>(null);
  const [error, setError] = useState<string | null>(null);
  const isSuper = me.role === 'super_admin';

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      setCreated(await unwrap(api.POST('/api/admin/admins', { body: { email: email.trim(), role } })));
      setEmail('');
      pages.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };
  const revoke = async (target: Admin) => {
    setRevoking(null);
    setError(null);
    try {
      await unwrap(api.DELETE('/api/admin/admins/{id}', { params: { path: { id: target.id } } }));
      pages.reload();
    } catch (failure) {
      setError(messageOf(failure));
    }
  };

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Admins</h1>
      {isSuper ? (
        <form className="filters" onSubmit={(event) => void create(event)} aria-label="Add an admin">
          <label>
            Email
            <input type="email" required value={email} onChange={(event) => setEmail(event.target.value)} />
          </label>
          <label>
            Role
            <select value={role} onChange={(event) => setRole(event.target.value === 'super_admin' ? 'super_admin' : 'admin')}>
              <option value="admin">Admin</option>
              <option value="super_admin">Super admin</option>
            </select>
          </label>
          <button type="submit" className="primary">
            Add admin
          </button>
        </form>
      ) : (
        <p className="hint">Only a super admin can add or revoke admins.</p>
      )}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
      {created && (
        <div className="issued-secret" role="region" aria-labelledby="new-key-title">
          <h2 id="new-key-title">API key of {created.email}</h2>
          <p className="notice notice-warning">Hand this key to {created.email} now. It will not be shown again.</p>
          <label htmlFor="new-admin-key">Admin API key</label>
          <div className="copy-row">
            <input id="new-admin-key" readOnly value={created.apiKey} className="secret" />
            <CopyButton value={created.apiKey} label="Copy the admin API key" />
          </div>
          <button type="button" onClick={() => setCreated(null)}>
            I have handed it over
          </button>
        </div>
      )}
      <LoadedView loaded={pages.loaded} what="the admins" onRetry={pages.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No admins.</Empty>
          ) : (
            <table>
              <caption>Active admins, in creation order</caption>
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Key</th>
                  <th scope="col">Added</th>
                  {isSuper && <th scope="col">Actions</th>}
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <td>{item.email}</td>
                    <td>{item.role === 'super_admin' ? 'Super admin' : 'Admin'}</td>
                    <td>{item.apiKeyPrefix ? <code>{item.apiKeyPrefix}…</code> : '—'}</td>
                    <td>
                      <ExactTime iso={item.createdAt} />
                    </td>
                    {isSuper && (
                      <td>
                        {item.id !== me.id && (
                          <button type="button" className="danger" onClick={() => setRevoking(item)} aria-label={`Revoke ${item.email}`}>
                            Revoke
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadedView>
      <Pager pages={pages} label="Admins" />
      {revoking && (
        <ConfirmDialog
          title={`Revoke ${revoking.email}?`}
          confirmLabel="Revoke admin"
          onConfirm={() => void revoke(revoking)}
          onCancel={() => setRevoking(null)}
        >
          <p>Their API key stops working at once.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
