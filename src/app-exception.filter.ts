import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Request } from 'express';
import { HttpExceptionFilter } from './common/errors/http-exception.filter';
import { isScimPath } from './scim/scim.constants';
import { ScimExceptionFilter } from './scim/scim-exception.filter';

/** Chooses the error format by surface, also for requests that matched no route. */
@Catch()
export class AppExceptionFilter implements ExceptionFilter {
  private readonly scim = new ScimExceptionFilter();
  private readonly http = new HttpExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    (isScimPath(request.path) ? this.scim : this.http).catch(exception, host);
  }
}
