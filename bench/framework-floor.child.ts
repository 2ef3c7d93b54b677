import 'reflect-metadata';
import { Controller, Get, Module, UseGuards } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AuthGuard, PassportModule } from '@nestjs/passport';
import { fixedTokenStrategy, runReferenceApp, serveUntilStdinCloses } from './reference-app';

/**
 * The framework's floor on this machine: a bare NestJS application on Express, as the service is built, with nothing
 * of the service — no logger, no headers, no database — answering a small fixed JSON, and the same behind a bearer
 * check through passport-http-bearer, as SCIM requests are authenticated. Started by the benchmark with the token in
 * FLOOR_TOKEN; prints `listening <url>` and exits when its stdin closes.
 */
const token = Buffer.from(process.env.FLOOR_TOKEN ?? '');

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

@Module({ imports: [PassportModule], controllers: [FixedController], providers: [fixedTokenStrategy('floor-bearer', token)] })
class FrameworkFloorModule {}

async function main(): Promise<void> {
  if (token.length === 0) throw new Error('FLOOR_TOKEN is not set');
  const app = await NestFactory.create(FrameworkFloorModule, { logger: false });
  await serveUntilStdinCloses(app);
}

runReferenceApp(main);
