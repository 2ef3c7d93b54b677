const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
const exact = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' });

export function relativeTime(iso: string, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const [unit, size] = UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? ['second', 1];
  return relative.format(Math.round(seconds / size), unit);
}

/** A time both ways: "3 minutes ago (1 Dec 2026, 10:02:11)", the machine-readable value in dateTime. */
export function TimeAgo({ iso, never = 'Never' }: { iso: string | null; never?: string }) {
  if (!iso) return <span>{never}</span>;
  return (
    <time dateTime={iso} title={iso}>
      {relativeTime(iso)} ({exact.format(new Date(iso))})
    </time>
  );
}

export function ExactTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={relativeTime(iso)}>
      {exact.format(new Date(iso))}
    </time>
  );
}
