import { useState } from 'react';
import { type Schemas, unwrap } from '../api/api-client';
import { LoadedView } from '../common/states';
import { useApi } from '../common/use-api';
import { useSession } from '../session/session';
import { HeldSnapshot } from './held-snapshot';
import { SnapshotHistory } from './snapshot-history';
import { SyncSettingsForm } from './sync-settings-form';

/** A source's directory snapshots: held ones waiting for a decision first, then the history and the source's settings. */
export function DirectorySnapshots({ integrationId, onChanged }: { integrationId: string | null; onChanged: () => void }) {
  const { api } = useSession();
  const [settings, setSettings] = useState<Schemas['SyncSettingsResponseDto'] | null>(null);
  const [generation, setGeneration] = useState(0);
  const [decided, setDecided] = useState<string | null>(null);
  const held = useApi(
    () =>
      integrationId
        ? unwrap(api.GET('/api/admin/directory-sync/snapshots', { params: { query: { integrationId, state: 'held', limit: 10 } } }))
        : Promise.resolve({ items: [], nextCursor: null }),
    [api, integrationId, generation],
  );
  const onDecided = (message: string) => {
    setDecided(message);
    setGeneration((value) => value + 1);
    onChanged();
  };

  return (
    <>
      <h3>Directory snapshots</h3>
      {!integrationId ? (
        <p className="empty">No snapshots yet: the tab is set up when its first API key or token is created.</p>
      ) : (
        <>
          {decided && (
            <p className="notice notice-success" role="status">
              {decided}
            </p>
          )}
          <LoadedView loaded={held.loaded} what="the held snapshots" onRetry={held.reload}>
            {({ items }) =>
              items.map((snapshot) => (
                <HeldSnapshot key={snapshot.id} snapshot={snapshot} deprovisionAction={settings?.deprovisionAction} onDecided={onDecided} />
              ))
            }
          </LoadedView>
          <SnapshotHistory integrationId={integrationId} generation={generation} />
          <h4>Snapshot settings</h4>
          <SyncSettingsForm integrationId={integrationId} onLoaded={setSettings} />
        </>
      )}
    </>
  );
}
