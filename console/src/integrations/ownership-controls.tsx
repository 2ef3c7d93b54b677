import { useState } from 'react';
import { type Schemas, unwrap } from '../api/api-client';
import { ConfirmDialog } from '../common/confirm-dialog';
import { messageOf } from '../common/use-api';
import { useSession } from '../session/session';

type Integration = Schemas['DirectoryIntegrationResponseDto'];
type Provider = Integration['provider'];

interface Props {
  integration: Integration;
  /** The other tabs, a transfer's possible targets. */
  others: Pick<Integration, 'provider' | 'displayName'>[];
  onChanged: () => void;
}

const plural = (count: number, one: string) => `${count} ${one}${count === 1 ? '' : 's'}`;

/** Who manages what (docs/ownership.md): adopting unmanaged users, and moving everything the tab manages to another tab. */
export function OwnershipControls({ integration, others, onChanged }: Props) {
  const { api } = useSession();
  const { provider, displayName, counters } = integration;
  const [adopt, setAdopt] = useState(integration.adoptUnmanagedUsers);
  const [target, setTarget] = useState<Provider | ''>('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);
  const targetName = others.find((other) => other.provider === target)?.displayName ?? '';

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setMessage(null);
    try {
      setMessage({ error: false, text: await work() });
      onChanged();
    } catch (failure) {
      setMessage({ error: true, text: messageOf(failure) });
    } finally {
      setBusy(false);
    }
  };
  const setAdoption = (adoptUnmanagedUsers: boolean) => {
    setAdopt(adoptUnmanagedUsers);
    void run(async () => {
      const body = { adoptUnmanagedUsers };
      try {
        await unwrap(api.PATCH('/api/admin/directory-integrations/{provider}', { params: { path: { provider } }, body }));
      } catch (failure) {
        setAdopt(!adoptUnmanagedUsers);
        throw failure;
      }
      return adoptUnmanagedUsers
        ? `${displayName} now adopts unmanaged users with the same email.`
        : `${displayName} no longer adopts unmanaged users.`;
    });
  };
  const transfer = (toProvider: Provider) => {
    setConfirming(false);
    void run(async () => {
      const moved = await unwrap(
        api.POST('/api/admin/directory-integrations/{provider}/transfer', { params: { path: { provider } }, body: { toProvider } }),
      );
      setTarget('');
      return `Moved ${plural(moved.users, 'user')} and ${plural(moved.groups, 'group')} to ${targetName}.`;
    });
  };

  return (
    <>
      <h3>Ownership</h3>
      <p className="hint">
        {displayName} changes only the users and groups it manages; its writes to others are answered but not applied, and counted in the
        sync log as skipped.
      </p>
      <label className="check">
        <input type="checkbox" checked={adopt} disabled={busy} onChange={(event) => setAdoption(event.target.checked)} />
        Adopt unmanaged users with the same email
      </label>
      <p className="hint">
        When on, a user created in the console (managed by no tab) whose email {displayName} creates or changes becomes managed by{' '}
        {displayName} instead of a conflict. Users another tab manages are never adopted: transfer them.
      </p>
      <form
        className="filters"
        aria-label="Transfer users and groups"
        onSubmit={(event) => {
          event.preventDefault();
          if (target) setConfirming(true);
        }}
      >
        <label>
          Transfer users and groups to
          <select
            value={target}
            onChange={(event) => setTarget(others.find((other) => other.provider === event.target.value)?.provider ?? '')}
          >
            <option value="">Choose a tab</option>
            {others.map((other) => (
              <option key={other.provider} value={other.provider}>
                {other.displayName}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy || !target}>
          Transfer…
        </button>
      </form>
      {message && (
        <p className={`notice ${message.error ? 'notice-error' : 'notice-success'}`} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {confirming && target && (
        <ConfirmDialog
          title={`Transfer ${displayName}’s users and groups to ${targetName}?`}
          confirmLabel="Transfer"
          onConfirm={() => transfer(target)}
          onCancel={() => setConfirming(false)}
        >
          <p>
            {plural(counters.users, 'user')} and {plural(counters.groups, 'group')}, with their memberships, move to {targetName}: from then
            on only {targetName} changes them, and {displayName}’s writes to them are answered but not applied. Revoke {displayName}’s
            credential once it is switched off.
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
