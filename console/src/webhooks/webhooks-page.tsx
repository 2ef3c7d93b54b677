import { type FormEvent, useState } from 'react';
import { type Schemas, unwrap } from '../api/api-client';
import { ConfirmDialog } from '../common/confirm-dialog';
import { Pager } from '../common/pager';
import { Empty, LoadedView } from '../common/states';
import { ExactTime } from '../common/time-ago';
import { messageOf } from '../common/use-api';
import { useCursorPages } from '../common/use-cursor-pages';
import { useSession } from '../session/session';
import { Link } from '../shell/link';
import { WebhookSecret } from './webhook-secret';

type Endpoint = Schemas['WebhookEndpointResponseDto'];
type EventType = NonNullable<Schemas['CreateWebhookRequestDto']['eventTypes']>[number];

const EVENT_TYPES: EventType[] = [
  'user.created',
  'user.updated',
  'user.disabled',
  'user.enabled',
  'user.deleted',
  'user.master_password_set',
  'user.master_password_reset_requested',
  'user.master_password_reset_completed',
  'group.created',
  'group.updated',
  'group.deleted',
  'group.member_added',
  'group.member_removed',
];

export function WebhooksPage() {
  const { api } = useSession();
  const pages = useCursorPages((cursor) => unwrap(api.GET('/api/admin/webhooks', { params: { query: { cursor } } })), 'webhooks');
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [eventTypes, setEventTypes] = useState<EventType[]>([]);
  const [secret, setSecret] = useState<{ secret: string; url: string } | null>(null);
  const [deleting, setDeleting] = useState<Endpoint | null>(null);
  const [rotating, setRotating] = useState<Endpoint | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'done' | 'refused'; message: string } | null>(null);

  const run = async (work: () => Promise<string>) => {
    setOutcome(null);
    try {
      setOutcome({ kind: 'done', message: await work() });
      pages.reload();
    } catch (failure) {
      setOutcome({ kind: 'refused', message: messageOf(failure) });
    }
  };
  const create = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await unwrap(
        api.POST('/api/admin/webhooks', { body: { url: url.trim(), description: description.trim() || undefined, eventTypes } }),
      );
      setSecret({ secret: created.secret, url: created.url });
      setUrl('');
      setDescription('');
      setEventTypes([]);
      return `Endpoint ${created.url} added.`;
    });
  };
  const path = (endpoint: Endpoint) => ({ params: { path: { id: endpoint.id } } });

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title">Webhooks</h1>
      <p className="hint">
        Each change to a user or group is posted to these endpoints, signed with the endpoint’s secret (Standard Webhooks).
      </p>
      <form onSubmit={create} className="webhook-form" aria-label="Add an endpoint">
        <label>
          Endpoint URL
          <input
            type="url"
            required
            value={url}
            onChange={(event) => setUrl(event.target.value)}
            placeholder="https://hooks.example.com/directory"
          />
        </label>
        <label>
          Description
          <input value={description} onChange={(event) => setDescription(event.target.value)} />
        </label>
        <fieldset>
          <legend>Events (none selected: every event)</legend>
          <div className="event-types">
            {EVENT_TYPES.map((type) => (
              <label key={type} className="check">
                <input
                  type="checkbox"
                  checked={eventTypes.includes(type)}
                  onChange={(event) =>
                    setEventTypes((current) => (event.target.checked ? [...current, type] : current.filter((item) => item !== type)))
                  }
                />
                {type}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="primary">
          Add endpoint
        </button>
      </form>
      {outcome && (
        <p
          className={`notice ${outcome.kind === 'done' ? 'notice-success' : 'notice-error'}`}
          role={outcome.kind === 'done' ? 'status' : 'alert'}
        >
          {outcome.message}
        </p>
      )}
      {secret && <WebhookSecret secret={secret.secret} url={secret.url} onDone={() => setSecret(null)} />}
      <LoadedView loaded={pages.loaded} what="the webhook endpoints" onRetry={pages.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>No endpoints yet.</Empty>
          ) : (
            <table>
              <caption>Endpoints</caption>
              <thead>
                <tr>
                  <th scope="col">URL</th>
                  <th scope="col">Events</th>
                  <th scope="col">State</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {items.map((endpoint) => (
                  <tr key={endpoint.id}>
                    <td>
                      <Link to={`/webhooks/${endpoint.id}`}>{endpoint.url}</Link>
                      {endpoint.description && <div className="hint">{endpoint.description}</div>}
                    </td>
                    <td>{endpoint.eventTypes.length === 0 ? 'Every event' : endpoint.eventTypes.join(', ')}</td>
                    <td>
                      {endpoint.enabled ? 'Enabled' : `Paused${endpoint.disabledReason ? `: ${endpoint.disabledReason}` : ''}`}
                      {endpoint.failingSince && (
                        <div className="notice-inline">
                          Failing since <ExactTime iso={endpoint.failingSince} /> ({endpoint.failedAttempts} attempts)
                        </div>
                      )}
                    </td>
                    <td className="row-actions">
                      <button
                        type="button"
                        onClick={() =>
                          void run(async () => {
                            await unwrap(
                              api.PATCH('/api/admin/webhooks/{id}', { ...path(endpoint), body: { enabled: !endpoint.enabled } }),
                            );
                            return `${endpoint.url} ${endpoint.enabled ? 'paused' : 'enabled'}.`;
                          })
                        }
                        aria-label={`${endpoint.enabled ? 'Pause' : 'Enable'} ${endpoint.url}`}
                      >
                        {endpoint.enabled ? 'Pause' : 'Enable'}
                      </button>
                      <button
                        type="button"
                        onClick={() =>
                          void run(async () => {
                            const attempt = await unwrap(api.POST('/api/admin/webhooks/{id}/test', path(endpoint)));
                            return `Test event to ${endpoint.url}: ${attempt.status}${attempt.responseStatus ? ` (HTTP ${attempt.responseStatus})` : ''}${attempt.error ? `: ${attempt.error}` : ''}.`;
                          })
                        }
                        aria-label={`Send test to ${endpoint.url}`}
                      >
                        Send test
                      </button>
                      <button type="button" onClick={() => setRotating(endpoint)} aria-label={`Rotate secret of ${endpoint.url}`}>
                        Rotate secret
                      </button>
                      <button type="button" className="danger" onClick={() => setDeleting(endpoint)} aria-label={`Delete ${endpoint.url}`}>
                        Delete
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </LoadedView>
      <Pager pages={pages} label="Endpoints" />
      {rotating && (
        <ConfirmDialog
          title={`Rotate the secret of ${rotating.url}?`}
          confirmLabel="Rotate secret"
          onCancel={() => setRotating(null)}
          onConfirm={() => {
            const endpoint = rotating;
            setRotating(null);
            void run(async () => {
              const rotated = await unwrap(api.POST('/api/admin/webhooks/{id}/rotate-secret', path(endpoint)));
              setSecret({ secret: rotated.secret, url: endpoint.url });
              return `New secret for ${endpoint.url}.`;
            });
          }}
        >
          <p>The current secret stops signing at once: the receiver must be given the new one.</p>
        </ConfirmDialog>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.url}?`}
          confirmLabel="Delete endpoint"
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const endpoint = deleting;
            setDeleting(null);
            void run(async () => {
              await unwrap(api.DELETE('/api/admin/webhooks/{id}', path(endpoint)));
              return `${endpoint.url} deleted.`;
            });
          }}
        >
          <p>Deliveries stop and its delivery log is forgotten.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
