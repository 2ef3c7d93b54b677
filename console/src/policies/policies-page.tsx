import { type FormEvent, useEffect, useState } from 'react';
import { unwrap } from '../api/api-client';
import { LoadedView } from '../common/states';
import { ExactTime } from '../common/time-ago';
import { messageOf, useApi } from '../common/use-api';
import { useSession } from '../session/session';

/** "Permit super admins to reset master passwords", with the super admins who hold it. */
export function PoliciesPage() {
  const { api, admin } = useSession();
  const { loaded, reload } = useApi(async () => {
    const [policies, admins] = await Promise.all([
      unwrap(api.GET('/api/admin/policies')),
      unwrap(api.GET('/api/admin/admins', { params: { query: { limit: 200 } } })),
    ]);
    return { policy: policies.masterPasswordReset, superAdmins: admins.items.filter((item) => item.role === 'super_admin') };
  }, [api]);
  const [enabled, setEnabled] = useState(false);
  const [holders, setHolders] = useState<string[]>([]);
  const [outcome, setOutcome] = useState<{ kind: 'done' | 'refused'; message: string } | null>(null);
  const canEdit = admin.role === 'super_admin';

  useEffect(() => {
    if (loaded.state !== 'ready') return;
    setEnabled(loaded.data.policy.enabled);
    setHolders(loaded.data.policy.superAdminIds);
  }, [loaded]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setOutcome(null);
    try {
      await unwrap(api.PUT('/api/admin/policies/master-password-reset', { body: { enabled, superAdminIds: enabled ? holders : [] } }));
      setOutcome({ kind: 'done', message: 'Policy saved.' });
      reload();
    } catch (failure) {
      setOutcome({ kind: 'refused', message: messageOf(failure) });
    }
  };
  const toggle = (id: string, held: boolean) => setHolders((current) => (held ? [...current, id] : current.filter((item) => item !== id)));

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Policies</h1>
      <LoadedView loaded={loaded} what="the policies" onRetry={reload}>
        {({ policy, superAdmins }) => (
          <form onSubmit={(event) => void save(event)} className="policy">
            <h2>Master-password reset</h2>
            <p className="hint">
              Provisioned users who forget their master password can be recovered only by a super admin holding this policy. Turn it on
              before connecting an identity provider.
              {policy.updatedAt && (
                <>
                  {' '}
                  Last changed <ExactTime iso={policy.updatedAt} />.
                </>
              )}
            </p>
            {!canEdit && <p className="notice">Only a super admin can change policies.</p>}
            <label className="check">
              <input type="checkbox" checked={enabled} disabled={!canEdit} onChange={(event) => setEnabled(event.target.checked)} />
              Permit super admins to reset master passwords
            </label>
            <fieldset disabled={!canEdit || !enabled}>
              <legend>Super admins who may reset master passwords</legend>
              {superAdmins.map((item) => (
                <label key={item.id} className="check">
                  <input type="checkbox" checked={holders.includes(item.id)} onChange={(event) => toggle(item.id, event.target.checked)} />
                  {item.email}
                </label>
              ))}
            </fieldset>
            {outcome && (
              <p
                className={`notice ${outcome.kind === 'done' ? 'notice-success' : 'notice-error'}`}
                role={outcome.kind === 'done' ? 'status' : 'alert'}
              >
                {outcome.message}
              </p>
            )}
            {canEdit && (
              <button type="submit" className="primary">
                Save policy
              </button>
            )}
          </form>
        )}
      </LoadedView>
    </section>
  );
}
