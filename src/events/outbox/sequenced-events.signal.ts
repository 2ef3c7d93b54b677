import { Injectable } from '@nestjs/common';

/** Tells this instance's readers (feed long-polls, webhook and key-grant workers) that events up to a position exist. */
@Injectable()
export class SequencedEventsSignal {
  private readonly listeners = new Set<(lastPosition: string) => void>();

  onSequenced(listener: (lastPosition: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  sequenced(lastPosition: string): void {
    for (const listener of this.listeners) listener(lastPosition);
  }
}
