import type { NextFunction, Request, Response } from 'express';
import { isScimPrincipal } from '../common/auth/scim-principal';
import { MetricsService, ScimOutcome } from './metrics.service';
import { scimOperationOf, ScimOperationLabels } from './scim-operation';

const STARTED_AT = Symbol('metricsStartedAt');
/** Status of a request whose client went away before the response was sent (as in the sync log). */
const CLIENT_CLOSED_REQUEST = 499;
const UNMATCHED_ROUTE = 'unmatched';

type TimedResponse = Response & { [STARTED_AT]?: number };
/** Express's matched route; one object per registered route, so it keys the cache of SCIM labels. */
type MatchedRoute = { path: string };

/**
 * Times every request and counts SCIM operations by the route *pattern* (never the URL, whose ids would make a
 * series per resource). On the request path it only stamps the start and adds one shared listener; the labels
 * are worked out when the response closes, those of a SCIM route once per route.
 */
export function httpMetricsMiddleware(metrics: MetricsService): (request: Request, response: Response, next: NextFunction) => void {
  const scimLabels = new WeakMap<MatchedRoute, ScimOperationLabels | null>();

  function onClose(this: TimedResponse): void {
    const request = this.req;
    const route = servingRoute(request.route as MatchedRoute | undefined);
    const status = this.writableFinished ? this.statusCode : CLIENT_CLOSED_REQUEST;
    metrics.httpRequestDuration.observe(
      { method: request.method, route: route?.path ?? UNMATCHED_ROUTE, status_code: status },
      (performance.now() - this[STARTED_AT]!) / 1000,
    );
    const principal = request.user;
    if (!route || !isScimPrincipal(principal)) return;
    let labels = scimLabels.get(route);
    if (labels === undefined) {
      labels = scimOperationOf(request.method, route.path);
      scimLabels.set(route, labels);
    }
    if (labels) {
      metrics.scimOperations.inc({
        provider: principal.provider,
        resource: labels.resource,
        operation: labels.operation,
        outcome: outcomeOf(status),
      });
    }
  }

  return (_request, response: TimedResponse, next) => {
    response[STARTED_AT] = performance.now();
    response.on('close', onClose);
    next();
  };
}

/** A catch-all route (the SCIM surface's 404) serves what no route matches: counted as unmatched. */
function servingRoute(route: MatchedRoute | undefined): MatchedRoute | undefined {
  return route?.path.includes('*') ? undefined : route;
}

function outcomeOf(status: number): ScimOutcome {
  if (status >= 500) return 'server_error';
  return status >= 400 ? 'client_error' : 'success';
}
