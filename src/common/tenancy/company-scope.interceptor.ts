import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { isUUID } from 'class-validator';
import type { Request } from 'express';
import { Observable } from 'rxjs';
import { CompanyScopes } from './company-scope';

/** The scope of a request whose path names a malformed company id: no company's rows. */
const NIL_COMPANY = '00000000-0000-0000-0000-000000000000';

/**
 * Runs each request's handler in the scope of the company it acts for: the authenticated admin's or
 * provisioning token's company, or for an internal service the company its path names. Requests
 * for no company (creating one, health) run as system work.
 */
@Injectable()
export class CompanyScopeInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const companyId = companyOf(context.switchToHttp().getRequest<Request>());
    if (companyId === undefined) return next.handle();
    // The handler runs when the result is subscribed to, so the subscription carries the scope.
    return new Observable((subscriber) => CompanyScopes.runForCompany(companyId, () => next.handle().subscribe(subscriber)));
  }
}

function companyOf(request: Request): string | undefined {
  const principal: { companyId?: unknown } | undefined = request.user;
  if (typeof principal?.companyId === 'string') return principal.companyId;
  const named: unknown = request.params?.companyId;
  if (typeof named !== 'string') return undefined;
  // A malformed id is rejected by the route's validation; until then it names no company's rows.
  return isUUID(named) ? named : NIL_COMPANY;
}
