import 'reflect-metadata';
import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Injectable, Module, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthGuard, PassportModule, PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';

/**
 * The framework's floor on this machine: a bare NestJS application on Express, as the service is built, with nothing
 * of the service — no logger, no headers, no database — answering a small fixed JSON, and the same behind a bearer
 * check through passport-http-bearer, as SCIM requests are authenticated. Started by the benchmark with the token in
 * FLOOR_TOKEN; prints `listening <url>` and exits when its stdin closes.
 */
const token = Buffer.from(process.env.FLOOR_TOKEN ?? '');

@Injectable()
class FixedTokenStrategy extends PassportStrategy(Strategy, 'floor-bearer') {
  validate(presented: string): { caller: string } | false {
    const candidate = Buffer.from(presented);
    return candidate.length === token.length && timingSafeEqual(candidate, token) ? { caller: 'bench' } : false;
  }
}

@Controller()
class FixedController {
  @Get('fixed')
  fixed(): { status: string } {
    return { status: 'ok' };
  }

  @Get('fixed-bearer')
  @UseGuards(AuthGuard('floor-bearer'))
  fixedBehindBearer(): { status: string } {
    return { status: 'ok' };
  }
}

@Module({ imports: [PassportModule], controllers: [FixedController], providers: [FixedTokenStrategy] })
class FrameworkFloorModule {}

async function main(): Promise<void> {
  if (token.length === 0) throw new Error('FLOOR_TOKEN is not set');
  const app = await NestFactory.create(FrameworkFloorModule, { logger: false });
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`listening ${await app.getUrl()}\n`);
  process.stdin.on('end', () => void app.close().then(() => process.exit(0)));
  process.stdin.resume();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
