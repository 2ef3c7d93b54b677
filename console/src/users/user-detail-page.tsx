import { useState } from 'react';
import { type Schemas, unwrap } from '../api/api-client';
import { ConfirmDialog } from '../common/confirm-dialog';
import { LoadedView } from '../common/states';
import { ExactTime } from '../common/time-ago';
import { messageOf, useApi } from '../common/use-api';
import { useSession } from '../session/session';
import { useTabs } from '../integrations/use-tabs';
import { Link } from '../shell/link';
import { ManagedBy } from './managed-by';
import { UserState } from './user-state';

type User = Schemas['AdminUserResponseDto'];
type Action = 'disable' | 'enable' | 'delete' | 'reset';

const QUESTIONS: Record<Action, { title: string; text: string; confirm: string }> = {
  disable: {
    title: 'Disable this user?',
    text: 'They can no longer sign in; their vault is kept. Their provider may enable them again on its next update.',
    confirm: 'Disable user',
  },
  enable: { title: 'Enable this user?', text: 'They can sign in again.', confirm: 'Enable user' },
  delete: {
    title: 'Delete this user?',
    text: 'They are removed from every group and can no longer sign in. This cannot be undone here; their provider can provision them again.',
    confirm: 'Delete user',
  },
  reset: {
    title: 'Reset this user’s master password?',
    text: 'The vault service asks the user to choose a new master password. The request is valid for 24 hours and recorded in the audit log.',
    confirm: 'Request reset',
  },
};

export function UserDetailPage({ id }: { id: string }) {
  const { api, admin } = useSession();
  const { nameOf } = useTabs();
  const { loaded, reload } = useApi(() => unwrap(api.GET('/api/admin/users/{id}', { params: { path: { id } } })), [api, id]);
  const [asking, setAsking] = useState<Action | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'done' | 'refused'; message: string } | null>(null);

  const act = async (action: Action) => {
    setAsking(null);
    setOutcome(null);
    const path = { params: { path: { id } } };
    try {
      if (action === 'disable') await unwrap(api.POST('/api/admin/users/{id}/disable', path));
      if (action === 'enable') await unwrap(api.POST('/api/admin/users/{id}/enable', path));
      if (action === 'delete') await unwrap(api.DELETE('/api/admin/users/{id}', path));
      if (action === 'reset') {
        const reset = await unwrap(api.POST('/api/admin/users/{id}/master-password-reset', path));
        setOutcome({
          kind: 'done',
          message: `Master-password reset requested; it is ${reset.status} until ${new Date(reset.expiresAt).toLocaleString('en')}.`,
        });
      } else {
        setOutcome({ kind: 'done', message: `Done: the user was ${action === 'delete' ? 'deleted' : `${action}d`}.` });
      }
      reload();
    } catch (failure) {
      setOutcome({ kind: 'refused', message: messageOf(failure) });
    }
  };

  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/users">← Users</Link>
      </p>
      <LoadedView loaded={loaded} what="the user" onRetry={reload}>
        {(user: User) => (
          <>
            <h1 id="page-title">{user.userName || '(personal data cleared)'}</h1>
            {outcome && (
              <p
                className={`notice ${outcome.kind === 'done' ? 'notice-success' : 'notice-error'}`}
                role={outcome.kind === 'done' ? 'status' : 'alert'}
              >
                {outcome.message}
              </p>
            )}
            <div className="actions">
              {(user.state === 'provisioned' || user.state === 'active') && (
                <button type="button" onClick={() => setAsking('disable')}>
                  Disable
                </button>
              )}
              {user.state === 'disabled' && (
                <button type="button" onClick={() => setAsking('enable')}>
                  Enable
                </button>
              )}
              {user.state !== 'deleted' && (
                <button type="button" className="danger" onClick={() => setAsking('delete')}>
                  Delete
                </button>
              )}
              {admin.role === 'super_admin' && user.state !== 'deleted' && (
                <button type="button" onClick={() => setAsking('reset')}>
                  Reset master password
                </button>
              )}
            </div>
            <dl className="facts">
              <dt>State</dt>
              <dd>
                <UserState state={user.state} />
              </dd>
              <dt>Display name</dt>
              <dd>{user.displayName ?? '—'}</dd>
              <dt>External id</dt>
              <dd>{user.externalId ?? '—'}</dd>
              <dt>Managed by</dt>
              <dd>
                <ManagedBy managedBy={user.managedBy} nameOf={nameOf} />
              </dd>
              <dt>Master password</dt>
              <dd>{user.masterPasswordSetAt ? <ExactTime iso={user.masterPasswordSetAt} /> : 'Not set yet'}</dd>
              <dt>Created</dt>
              <dd>
                <ExactTime iso={user.createdAt} />
              </dd>
              <dt>Updated</dt>
              <dd>
                <ExactTime iso={user.updatedAt} />
              </dd>
              {user.deletedAt && (
                <>
                  <dt>Deleted</dt>
                  <dd>
                    <ExactTime iso={user.deletedAt} />
                  </dd>
                </>
              )}
            </dl>
            <h2>Groups</h2>
            {user.groups && user.groups.length > 0 ? (
              <ul>
                {user.groups.map((group) => (
                  <li key={group.id}>
                    <Link to={`/groups/${group.id}`}>{group.displayName}</Link>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="empty">Not a member of any group.</p>
            )}
          </>
        )}
      </LoadedView>
      {asking && (
        <ConfirmDialog
          title={QUESTIONS[asking].title}
          confirmLabel={QUESTIONS[asking].confirm}
          onConfirm={() => void act(asking)}
          onCancel={() => setAsking(null)}
        >
          <p>{QUESTIONS[asking].text}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
