import { type FormEvent, useEffect, useState } from 'react';
import { type Schemas, unwrap } from '../api/api-client';
import { Empty, LoadedView } from '../common/states';
import { ExactTime, TimeAgo } from '../common/time-ago';
import { messageOf, useApi } from '../common/use-api';
import { useSession } from '../session/session';

type Tab = Schemas['GoogleWorkspaceResponseDto'];
type Run = Schemas['GoogleWorkspaceRunDto'];
type ConnectionTest = Schemas['ConnectionTestResponseDto'];
type ScopeKind = Tab['scope']['kind'];

interface Message {
  error: boolean;
  text: string;
}

/** The Google Workspace tab's pull sync: the service account key, the setup, Test connection, Sync now and the runs. */
export function GoogleWorkspaceSection({ onChanged }: { onChanged: () => void }) {
  const { api } = useSession();
  const { loaded, reload } = useApi(() => unwrap(api.GET('/api/admin/google-workspace')), [api]);
  const [test, setTest] = useState<ConnectionTest | null>(null);
  const [busy, setBusy] = useState<'key' | 'test' | 'sync' | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  const act = async (what: 'key' | 'test' | 'sync', work: () => Promise<string | null>) => {
    setBusy(what);
    setMessage(null);
    try {
      const text = await work();
      if (text) setMessage({ error: false, text });
      reload();
      onChanged();
    } catch (failure) {
      setMessage({ error: true, text: messageOf(failure) });
    } finally {
      setBusy(null);
    }
  };

  const uploadKey = (file: File) =>
    act('key', async () => {
      const tab = await unwrap(
        api.PUT('/api/admin/google-workspace/service-account-key', { body: { serviceAccountKey: await file.text() } }),
      );
      return `Key ${tab.serviceAccount?.keyId ?? ''} of ${tab.serviceAccount?.email ?? 'the service account'} stored, encrypted.`;
    });
  const testConnection = () =>
    act('test', async () => {
      setTest(await unwrap(api.POST('/api/admin/google-workspace/test-connection')));
      return null;
    });
  const syncNow = () =>
    act('sync', async () => {
      setTest(null);
      const run = await unwrap(api.POST('/api/admin/google-workspace/sync'));
      return run.state === 'failed' ? `The sync failed, nothing was applied: ${run.error ?? ''}` : `Sync ${run.state}: ${countsOf(run)}.`;
    });

  return (
    <>
      <h3>Google Workspace sync</h3>
      <p>
        The service pulls users and groups from Google’s Directory API with a service account that has domain-wide delegation of the{' '}
        <code>admin.directory.user.readonly</code> and <code>admin.directory.group.readonly</code> scopes.
      </p>
      <LoadedView loaded={loaded} what="the Google Workspace setup" onRetry={reload}>
        {(tab) => (
          <>
            <h4>Service account key</h4>
            <p data-testid="service-account">
              {tab.serviceAccount ? (
                <>
                  {tab.serviceAccount.email}, key <code>{tab.serviceAccount.keyId}</code>, uploaded{' '}
                  <ExactTime iso={tab.serviceAccount.uploadedAt} />. The key is stored encrypted and never shown.
                </>
              ) : (
                'No key yet: upload the JSON key file of the service account.'
              )}
            </p>
            <label className="file-input">
              {tab.serviceAccount ? 'Replace the key (JSON file)' : 'Upload the key (JSON file)'}
              <input
                type="file"
                accept="application/json,.json"
                disabled={busy !== null}
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  event.target.value = '';
                  if (file) void uploadKey(file);
                }}
              />
            </label>

            <h4>Directory, scope and schedule</h4>
            <GoogleSetupForm
              tab={tab}
              onSaved={() => {
                reload();
                onChanged();
              }}
            />

            <div className="actions">
              <button type="button" disabled={busy !== null || tab.missing.length > 0} onClick={() => void testConnection()}>
                {busy === 'test' ? 'Testing…' : 'Test connection'}
              </button>
              <button
                type="button"
                className="primary"
                disabled={busy !== null || tab.running || tab.missing.length > 0}
                onClick={() => void syncNow()}
              >
                {busy === 'sync' || tab.running ? 'Syncing…' : 'Sync now'}
              </button>
            </div>
            {tab.missing.length > 0 && <p className="hint">Still missing: {tab.missing.join(', ')}.</p>}
            {message && (
              <p className={`notice ${message.error ? 'notice-error' : 'notice-success'}`} role={message.error ? 'alert' : 'status'}>
                {message.text}
              </p>
            )}
            {test && <ConnectionChecks test={test} />}

            <h4>Runs</h4>
            <dl className="facts">
              <dt>Last run</dt>
              <dd data-testid="last-run">{tab.lastRun ? <RunSummary run={tab.lastRun} /> : 'Never'}</dd>
              <dt>Next run</dt>
              <dd>{tab.nextRunAt ? <ExactTime iso={tab.nextRunAt} /> : 'Not scheduled'}</dd>
              <dt>Held snapshots</dt>
              <dd>{tab.heldSnapshots.length === 0 ? 'None' : `${tab.heldSnapshots.length}: confirm or reject them below`}</dd>
            </dl>
            <RecentRuns runs={tab.recentRuns} />
          </>
        )}
      </LoadedView>
    </>
  );
}

function GoogleSetupForm({ tab, onSaved }: { tab: Tab; onSaved: () => void }) {
  const { api } = useSession();
  const [adminEmail, setAdminEmail] = useState('');
  const [customerId, setCustomerId] = useState('');
  const [domain, setDomain] = useState('');
  const [scopeKind, setScopeKind] = useState<ScopeKind>('all');
  const [scopeValues, setScopeValues] = useState('');
  const [schedule, setSchedule] = useState('0');
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<Message | null>(null);

  useEffect(() => {
    setAdminEmail(tab.adminEmail ?? '');
    setCustomerId(tab.customerId ?? '');
    setDomain(tab.domain ?? '');
    setScopeKind(tab.scope.kind);
    setScopeValues(tab.scope.values.join(', '));
    setSchedule(String(tab.scheduleMinutes));
  }, [tab]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setMessage(null);
    try {
      const values = scopeValues
        .split(',')
        .map((value) => value.trim())
        .filter(Boolean);
      await unwrap(
        api.PATCH('/api/admin/google-workspace', {
          body: {
            ...(adminEmail ? { adminEmail } : {}),
            customerId: customerId.trim() || null,
            domain: domain.trim() || null,
            scope: { kind: scopeKind, values: scopeKind === 'all' ? [] : values },
            scheduleMinutes: Number(schedule),
          },
        }),
      );
      setMessage({ error: false, text: 'Setup saved.' });
      onSaved();
    } catch (failure) {
      setMessage({ error: true, text: messageOf(failure) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="filters" onSubmit={(event) => void save(event)} aria-label="Google Workspace setup">
      <label>
        Admin to impersonate
        <input type="email" value={adminEmail} onChange={(event) => setAdminEmail(event.target.value)} placeholder="it-admin@example.com" />
      </label>
      <label>
        Customer id
        <input value={customerId} onChange={(event) => setCustomerId(event.target.value)} placeholder="C03az79cb" />
      </label>
      <label>
        or domain
        <input value={domain} onChange={(event) => setDomain(event.target.value)} placeholder="example.com" />
      </label>
      <label>
        Scope
        <select value={scopeKind} onChange={(event) => setScopeKind(scopeKindOf(event.target.value))}>
          <option value="all">All users and groups</option>
          <option value="groups">Members of chosen groups</option>
          <option value="org_units">Chosen org units</option>
        </select>
      </label>
      {scopeKind !== 'all' && (
        <label>
          {scopeKind === 'groups' ? 'Group emails' : 'Org unit paths'} (comma-separated)
          <input value={scopeValues} onChange={(event) => setScopeValues(event.target.value)} required />
        </label>
      )}
      <label>
        Sync every (minutes, 0: only on demand)
        <input type="number" min={0} max={10080} required value={schedule} onChange={(event) => setSchedule(event.target.value)} />
      </label>
      <button type="submit" disabled={saving}>
        Save setup
      </button>
      {message && (
        <p className={`notice ${message.error ? 'notice-error' : 'notice-success'}`} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </form>
  );
}

function ConnectionChecks({ test }: { test: ConnectionTest }) {
  return (
    <table>
      <caption>{test.ok ? 'Test connection: every check passed' : `Test connection: the ${test.failed ?? ''} check failed`}</caption>
      <thead>
        <tr>
          <th scope="col">Check</th>
          <th scope="col">Result</th>
          <th scope="col">Detail</th>
        </tr>
      </thead>
      <tbody>
        {test.checks.map((check) => (
          <tr key={check.name} className={check.ok === false ? 'failure' : undefined}>
            <th scope="row">{check.name}</th>
            <td>{check.ok === null ? 'Not checked' : check.ok ? 'Passed' : 'Failed'}</td>
            <td>{check.detail}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RunSummary({ run }: { run: Run }) {
  return (
    <>
      {run.state} <TimeAgo iso={run.startedAt} />
      {run.durationMs !== null && <> in {(run.durationMs / 1000).toFixed(1)} s</>}
      {run.counts && <>: {countsOf(run)}</>}
      {run.error && <>: {run.error}</>}
    </>
  );
}

function RecentRuns({ runs }: { runs: Run[] }) {
  if (runs.length === 0) return <Empty>No runs yet: use Sync now, or set a schedule.</Empty>;
  return (
    <table>
      <caption>Recent runs, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Started</th>
          <th scope="col">Trigger</th>
          <th scope="col">State</th>
          <th scope="col">Duration</th>
          <th scope="col">Read from Google</th>
          <th scope="col">Error</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <tr key={run.id} className={run.state === 'failed' || run.state === 'held' ? 'failure' : undefined}>
            <td>
              <ExactTime iso={run.startedAt} />
            </td>
            <td>{run.trigger}</td>
            <td>{run.state}</td>
            <td>{run.durationMs === null ? '—' : `${(run.durationMs / 1000).toFixed(1)} s`}</td>
            <td>{run.counts ? countsOf(run) : '—'}</td>
            <td>{run.error ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function countsOf(run: Run): string {
  const counts = run.counts;
  return counts ? `${counts.users} users, ${counts.groups} groups, ${counts.memberships} memberships` : 'nothing read';
}

function scopeKindOf(value: string): ScopeKind {
  return value === 'groups' || value === 'org_units' ? value : 'all';
}
