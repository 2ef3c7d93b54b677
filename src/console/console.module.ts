import { MiddlewareConsumer, Module, NestModule, RequestMethod } from '@nestjs/common';
import { CONSOLE_PATH, ConsoleMiddleware } from './console.middleware';

/** The admin console web page (console/ built into dist/console), served at /console. */
@Module({})
export class ConsoleModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer
      .apply(ConsoleMiddleware)
      .forRoutes({ path: CONSOLE_PATH, method: RequestMethod.ALL }, { path: `${CONSOLE_PATH}/{*path}`, method: RequestMethod.ALL });
  }
}
