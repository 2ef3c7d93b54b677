import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';

/** An AbortSignal that aborts when the client closes the connection before its answer is sent. */
export const ClientGone = createParamDecorator((_: unknown, context: ExecutionContext): AbortSignal => {
  const response = context.switchToHttp().getResponse<Response>();
  const controller = new AbortController();
  response.once('close', () => {
    if (!response.writableEnded) controller.abort();
  });
  return controller.signal;
});
