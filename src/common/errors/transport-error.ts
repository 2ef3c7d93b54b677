import { ApiErrorCode } from './api-error-code';
import { ApiException } from './api.exception';

interface BodyParserError {
  type?: unknown;
  status?: unknown;
  message?: unknown;
}

/**
 * What went wrong before routing (body-parser marks its errors with a `type`), said so that the caller
 * knows what to send instead; undefined for anything else.
 */
export function transportErrorOf(error: unknown): ApiException | undefined {
  const { type, status, message } = (error ?? {}) as BodyParserError;
  switch (type) {
    case 'entity.parse.failed':
      // The parser runs out of stack on a body nested thousands of levels deep.
      return /call stack/i.test(String(message))
        ? new ApiException(
            400,
            ApiErrorCode.MalformedJson,
            'The JSON body is nested too deeply; no request of this API nests more than a few levels',
          )
        : new ApiException(400, ApiErrorCode.MalformedJson, `The body is not valid JSON: ${String(message)}`);
    case 'entity.too.large':
      return new ApiException(413, ApiErrorCode.PayloadTooLarge, 'The body is larger than the limit of 1 MB');
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new ApiException(415, ApiErrorCode.UnsupportedMediaType, `${String(message)}: send UTF-8 JSON`);
    default:
      // Other body-parser errors (an aborted upload, a bad Content-Length) carry their 4xx status.
      return typeof type === 'string' && typeof status === 'number' && status >= 400 && status < 500
        ? new ApiException(status, ApiErrorCode.BadRequest, String(message))
        : undefined;
  }
}
