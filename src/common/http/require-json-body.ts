import type { IncomingMessage } from 'node:http';
import { ApiErrorCode } from '../errors/api-error-code';
import { ApiException } from '../errors/api.exception';

/** application/json and the `+json` types (application/merge-patch+json, …). */
export function isJsonContentType(contentType: string | undefined): boolean {
  return !!contentType && /^application\/([\w.+-]+\+)?json\b/i.test(contentType);
}

/** Whether the request carries a body (chunked, or a Content-Length above zero). */
function hasBody(request: IncomingMessage): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

/**
 * The admin and internal APIs read JSON only: a form or text body would otherwise be ignored and reported
 * as missing fields (`curl -d` sends application/x-www-form-urlencoded).
 */
export function requireJsonBody(request: IncomingMessage, _response: unknown, next: (error?: unknown) => void): void {
  const contentType = request.headers['content-type'];
  if (!hasBody(request) || isJsonContentType(contentType)) return next();
  next(
    new ApiException(
      415,
      ApiErrorCode.UnsupportedMediaType,
      `The body is ${contentType ? `sent as ${contentType.split(';')[0]}` : 'sent without a Content-Type'}; send application/json (curl: -H 'Content-Type: application/json')`,
    ),
  );
}
