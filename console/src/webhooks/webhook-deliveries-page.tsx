import { useState } from 'react';
import { unwrap } from '../api/api-client';
import { Pager } from '../common/pager';
import { Empty, LoadedView } from '../common/states';
import { ExactTime } from '../common/time-ago';
import { messageOf, useApi } from '../common/use-api';
import { useCursorPages } from '../common/use-cursor-pages';
import { useSession } from '../session/session';
import { Link } from '../shell/link';

export function WebhookDeliveriesPage({ id }: { id: string }) {
  const { api } = useSession();
  const endpoint = useApi(() => unwrap(api.GET('/api/admin/webhooks/{id}', { params: { path: { id } } })), [api, id]);
  const pages = useCursorPages(
    (cursor) => unwrap(api.GET('/api/admin/webhooks/{id}/deliveries', { params: { path: { id }, query: { cursor } } })),
    id,
  );
  const [outcome, setOutcome] = useState<{ kind: 'done' | 'refused'; message: string } | null>(null);
  const redeliver = async (deliveryId: string) => {
    setOutcome(null);
    try {
      const attempt = await unwrap(
        api.POST('/api/admin/webhooks/{id}/deliveries/{deliveryId}/redeliver', { params: { path: { id, deliveryId } } }),
      );
      setOutcome({
        kind: 'done',
        message: `Sent again: ${attempt.status}${attempt.responseStatus ? ` (HTTP ${attempt.responseStatus})` : ''}.`,
      });
      pages.reload();
    } catch (failure) {
      setOutcome({ kind: 'refused', message: messageOf(failure) });
    }
  };
  return (
    <section aria-labelledby="page-title">
      <p>
        <Link to="/webhooks">← Webhooks</Link>
      </p>
      <h1 id="page-title">Deliveries{endpoint.loaded.data ? ` to ${endpoint.loaded.data.url}` : ''}</h1>
      {outcome && (
        <p
          className={`notice ${outcome.kind === 'done' ? 'notice-success' : 'notice-error'}`}
          role={outcome.kind === 'done' ? 'status' : 'alert'}
        >
          {outcome.message}
        </p>
      )}
      <LoadedView loaded={pages.loaded} what="the deliveries" onRetry={pages.reload}>
        {({ items }) =>
          items.length === 0 ? (
            <Empty>Nothing delivered yet.</Empty>
          ) : (
            <table>
              <caption>Delivery attempts, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Event</th>
                  <th scope="col">Outcome</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {items.map((delivery) => (
                  <tr key={delivery.id} className={delivery.status === 'failed' ? 'failure' : undefined}>
                    <td>
                      <ExactTime iso={delivery.createdAt} />
                    </td>
                    <td>
                      <code>{delivery.eventType}</code> ({delivery.trigger}, attempt {delivery.attempt})
                    </td>
                    <td>
                      {delivery.status}
                      {delivery.responseStatus !== null && ` HTTP ${delivery.responseStatus}`}
                      {delivery.error && `: ${delivery.error}`} in {delivery.durationMs} ms
                    </td>
                    <td>
                      {/* A test ping is not redelivered (the service refuses): send a new one from the list. */}
                      {delivery.trigger !== 'test' && (
                        <button
                          type="button"
                          onClick={() => void redeliver(delivery.id)}
                          aria-label={`Redeliver ${delivery.eventType} of ${delivery.createdAt}`}
                        >
                          Redeliver
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
      <Pager pages={pages} label="Deliveries" />
    </section>
  );
}
