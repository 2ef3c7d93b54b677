import { timingSafeEqual } from 'node:crypto';
import { INestApplication, Injectable, Type } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';

/**
 * What the benchmark's reference apps (framework-floor.child.ts, least-implementation.child.ts) share: the bearer check
 * of one fixed token, as SCIM requests are authenticated, and serving until the benchmark closes their stdin.
 */
export function fixedTokenStrategy(name: string, token: Buffer): Type<unknown> {
  @Injectable()
  class FixedTokenStrategy extends PassportStrategy(Strategy, name) {
    validate(presented: string): { caller: string } | false {
      const candidate = Buffer.from(presented);
      return candidate.length === token.length && timingSafeEqual(candidate, token) ? { caller: 'bench' } : false;
    }
  }
  return FixedTokenStrategy;
}

/** Listens on a free loopback port, prints `listening <url>` for the benchmark, and exits when its stdin closes. */
export async function serveUntilStdinCloses(app: INestApplication): Promise<void> {
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`listening ${await app.getUrl()}\n`);
  process.stdin.on('end', () => void app.close().then(() => process.exit(0)));
  process.stdin.resume();
}

/** Runs a reference app's main; a failure to start is printed for the benchmark's error report. */
export function runReferenceApp(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
