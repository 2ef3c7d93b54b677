import { Injectable } from '@nestjs/common';

/**
 * Tells this instance's listeners (the sequencer) that a transaction holding new change events has committed,
 * so that they need not wait for their next poll.
 */
@Injectable()
export class AppendedEventsSignal {
  private readonly listeners = new Set<() => void>();

  onAppended(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  appended(): void {
    for (const listener of this.listeners) listener();
  }
}
