import type { Schemas } from '../api/api-client';
import { followLink, href } from '../shell/router';

type Activity = Schemas['SyncActivityResponseDto'];

const HOUR_MS = 3_600_000;
const BAR = 6;
const HEIGHT = 80;
const LABELS = 18;
const day = new Intl.DateTimeFormat('en', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
const time = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/**
 * SCIM (or Provisioning API) writes per hour over the last 7 days, failures in red on top of each bar. Only hours with writes are drawn,
 * each a link to its entries in the sync log (its failures when it has some), so the keyboard reaches them too.
 */
export function SyncActivityChart({ activity, provider }: { activity: Activity; provider: string }) {
  const kind = provider === 'provisioning-api' ? 'API writes' : 'SCIM writes';
  const since = Date.parse(activity.since);
  const hours = Math.round((Date.parse(activity.until) - since) / HOUR_MS);
  const busiest = Math.max(1, ...activity.hours.map((hour) => hour.writes));
  const scale = (count: number) => (count === 0 ? 0 : Math.max(2, (count / busiest) * HEIGHT));
  const writes = activity.hours.reduce((sum, hour) => sum + hour.writes, 0);
  const failures = activity.hours.reduce((sum, hour) => sum + hour.failures, 0);
  const summary = `${writes} ${kind} in the last 7 days, ${failures} failed`;

  if (writes === 0) return <p className="empty">No {kind} in the last 7 days.</p>;
  return (
    <figure className="activity">
      <svg viewBox={`0 0 ${hours * BAR} ${HEIGHT + LABELS}`} role="group" aria-label={summary}>
        {Array.from({ length: 7 }, (_, index) => (
          <text key={index} x={index * 24 * BAR + 2} y={HEIGHT + LABELS - 3} className="axis">
            {day.format(new Date(since + index * 24 * HOUR_MS))}
          </text>
        ))}
        {activity.hours.map((hour) => {
          const start = Date.parse(hour.hour);
          const x = Math.round((start - since) / HOUR_MS) * BAR;
          const label = `${time.format(new Date(start))} UTC: ${hour.writes} writes, ${hour.failures} failed`;
          const query = new URLSearchParams({ provider, since: hour.hour, until: new Date(start + HOUR_MS).toISOString() });
          if (hour.failures > 0) query.set('outcome', 'failure');
          const to = `/sync-log?${query.toString()}`;
          const total = scale(hour.writes);
          const failed = Math.min(total, scale(hour.failures));
          return (
            <a key={hour.hour} href={href(to)} onClick={(event) => followLink(event, to)} aria-label={label}>
              <title>{label}</title>
              <rect x={x} y={HEIGHT - total} width={BAR - 1} height={total - failed} className="writes" />
              {failed > 0 && <rect x={x} y={HEIGHT - failed} width={BAR - 1} height={failed} className="failures" />}
            </a>
          );
        })}
      </svg>
      <figcaption>
        {summary} (per hour, UTC). <span className="legend-writes">■</span> writes <span className="legend-failures">■</span> failures;
        select a bar to open its entries.
      </figcaption>
    </figure>
  );
}
