import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { TokenOwner } from './provisioning-tokens.repository';

/** How long a token's owner is reused unasked: the bound on staleness if a change notice from another instance is lost. */
export const TOKEN_CACHE_TTL_MS = 5_000;
const TOKEN_CACHE_MAX_ENTRIES = 10_000;

/**
 * Remembers which integration a provisioning token hash belongs to, sparing the lookup on most SCIM
 * requests. Any token change empties it: this instance's own resets and revocations as they commit,
 * other instances' through ProvisioningTokenChangeListener. While that listener is down it is bypassed.
 * Unknown tokens are never remembered, so a new token works at once.
 */
@Injectable()
export class ProvisioningTokenCache {
  private readonly owners = new LRUCache<string, TokenOwner>({ max: TOKEN_CACHE_MAX_ENTRIES, ttl: TOKEN_CACHE_TTL_MS });
  /** Bumped by every change, so that a lookup that overlapped one is not remembered. */
  private generation = 0;
  private enabled = true;

  async lookup(tokenHash: Buffer, load: () => Promise<TokenOwner | null>): Promise<TokenOwner | null> {
    const key = tokenHash.toString('base64');
    const cached = this.enabled ? this.owners.get(key) : undefined;
    if (cached) return cached;
    const generation = this.generation;
    const owner = await load();
    if (owner && this.enabled && generation === this.generation) this.owners.set(key, owner);
    return owner;
  }

  /** A token was created, replaced or revoked (here or on another instance). */
  invalidate(): void {
    this.generation++;
    this.owners.clear();
  }

  /** Changes made elsewhere would go unnoticed: stop remembering until resume(). */
  suspend(): void {
    this.enabled = false;
    this.invalidate();
  }

  resume(): void {
    this.invalidate();
    this.enabled = true;
  }
}
