import { type FormEvent, useEffect, useState } from 'react';
import { type Schemas, unwrap } from '../api/api-client';
import { LoadedView } from '../common/states';
import { ExactTime } from '../common/time-ago';
import { messageOf, useApi } from '../common/use-api';
import { useSession } from '../session/session';

type Settings = Schemas['SyncSettingsResponseDto'];

/** How the source's snapshots deprovision and when the deletion guard holds them. */
export function SyncSettingsForm({ integrationId, onLoaded }: { integrationId: string; onLoaded: (settings: Settings) => void }) {
  const { api } = useSession();
  const path = { params: { path: { integrationId } } };
  const { loaded, reload } = useApi(
    () => unwrap(api.GET('/api/admin/directory-sync/sources/{integrationId}/settings', path)),
    [api, integrationId],
  );
  const [action, setAction] = useState<Settings['deprovisionAction']>('disable');
  const [percent, setPercent] = useState('10');
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null);

  useEffect(() => {
    if (loaded.state !== 'ready') return;
    setAction(loaded.data.deprovisionAction);
    setPercent(String(loaded.data.maxDeletePercent));
    onLoaded(loaded.data);
  }, [loaded, onLoaded]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setMessage(null);
    try {
      const body = { deprovisionAction: action, maxDeletePercent: Number(percent) };
      onLoaded(await unwrap(api.PATCH('/api/admin/directory-sync/sources/{integrationId}/settings', { ...path, body })));
      setMessage({ error: false, text: 'Settings saved: they apply to snapshots committed from now on.' });
    } catch (failure) {
      setMessage({ error: true, text: messageOf(failure) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <LoadedView loaded={loaded} what="the snapshot settings" onRetry={reload}>
      {(settings) => (
        <form className="filters" onSubmit={(event) => void save(event)} aria-label="Snapshot settings">
          <label>
            Users missing from a snapshot are
            <select value={action} onChange={(event) => setAction(event.target.value === 'delete' ? 'delete' : 'disable')}>
              <option value="disable">disabled (vault kept)</option>
              <option value="delete">deleted</option>
            </select>
          </label>
          <label>
            Hold a snapshot taking access from more than (%)
            <input
              type="number"
              min={0}
              max={100}
              step="any"
              required
              value={percent}
              onChange={(event) => setPercent(event.target.value)}
            />
          </label>
          <button type="submit" disabled={saving}>
            Save settings
          </button>
          {settings.updatedAt && (
            <span className="hint">
              Changed <ExactTime iso={settings.updatedAt} />
            </span>
          )}
          {message && (
            <p className={`notice ${message.error ? 'notice-error' : 'notice-success'}`} role={message.error ? 'alert' : 'status'}>
              {message.text}
            </p>
          )}
        </form>
      )}
    </LoadedView>
  );
}
