import { DatabaseNotices, NoticeSubscriber } from '../../database/database-notices';
import { SequencedEventsSignal } from '../outbox/sequenced-events.signal';
import { FeedWakeups } from './feed-wakeups';

/** Notices by hand: the subscriber FeedWakeups registers, told what the test says. */
class HandNotices {
  subscriber: NoticeSubscriber | null = null;

  subscribe(_channel: string, subscriber: NoticeSubscriber): () => void {
    this.subscriber = subscriber;
    return () => (this.subscriber = null);
  }
}

/** A read whose answers the test hands out one call at a time. */
function scriptedRead(): { read: () => Promise<string[]>; calls: number; answer(found: string[]): void } {
  const pending: ((found: string[]) => void)[] = [];
  const script = {
    calls: 0,
    read: () => {
      script.calls++;
      return new Promise<string[]>((resolve) => pending.push(resolve));
    },
    answer: (found: string[]) => pending.shift()!(found),
  };
  return script;
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe(FeedWakeups.name, () => {
  let signal: SequencedEventsSignal;
  let notices: HandNotices;
  let wakeups: FeedWakeups;
  const never = new AbortController().signal;

  beforeEach(() => {
    signal = new SequencedEventsSignal();
    notices = new HandNotices();
    wakeups = new FeedWakeups(signal, notices as unknown as DatabaseNotices);
    wakeups.onModuleInit();
  });
  afterEach(() => wakeups.onModuleDestroy());

  it('answers what the first read finds without waiting', async () => {
    await expect(wakeups.readWhenAny(() => Promise.resolve(['a']), 30_000, never)).resolves.toEqual(['a']);
  });

  it('answers an empty read at once when it may not wait', async () => {
    await expect(wakeups.readWhenAny(() => Promise.resolve([]), 0, never)).resolves.toEqual([]);
    expect(wakeups.waiting).toBe(0);
  });

  it('reads again when events are numbered, in this instance or by a notice', async () => {
    const script = scriptedRead();
    const result = wakeups.readWhenAny(script.read, 30_000, never);
    script.answer([]);
    await settle();
    expect(wakeups.waiting).toBe(1);

    notices.subscriber!.notice('7');
    await settle();
    script.answer([]);
    await settle();
    signal.sequenced('8');
    await settle();
    script.answer(['event 8']);

    await expect(result).resolves.toEqual(['event 8']);
    expect(script.calls).toBe(3);
    expect(wakeups.waiting).toBe(0);
  });

  it('does not lose a wake that comes while a read is under way', async () => {
    const script = scriptedRead();
    const result = wakeups.readWhenAny(script.read, 30_000, never);
    signal.sequenced('1');
    script.answer([]);
    await settle();
    script.answer(['event 1']);
    await expect(result).resolves.toEqual(['event 1']);
  });

  it('lets a waiting reader go when its client leaves, and every reader at shutdown', async () => {
    const client = new AbortController();
    const left = wakeups.readWhenAny(() => Promise.resolve([]), 30_000, client.signal);
    const stayed = wakeups.readWhenAny(() => Promise.resolve([]), 30_000, never);
    await settle();
    expect(wakeups.waiting).toBe(2);

    client.abort();
    await expect(left).resolves.toEqual([]);
    expect(wakeups.waiting).toBe(1);

    wakeups.beforeApplicationShutdown();
    await expect(stayed).resolves.toEqual([]);
    expect(wakeups.waiting).toBe(0);
  });

  it('polls by the clock only while notices are out of reach', () => {
    expect(wakeups.polling).toBe(true);
    notices.subscriber!.listening(true);
    expect(wakeups.polling).toBe(false);
    notices.subscriber!.listening(false);
    expect(wakeups.polling).toBe(true);
  });
});
