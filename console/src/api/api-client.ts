import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './openapi-types';

export type Schemas = components['schemas'];
export type ApiClient = Client<paths>;

/** An error answer of the admin API, in its one shape (`ErrorResponseDto`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The admin API as the signed-in admin: the key travels only in the Authorization header of each request and lives
 * only in this closure. Any 401 (key revoked, admin removed) ends the session with the service's own reason.
 */
export function createApiClient(apiKey: string, onUnauthorized: (message: string) => void): ApiClient {
  const client = createClient<paths>({ baseUrl: window.location.origin });
  client.use({
    onRequest({ request }) {
      request.headers.set('Authorization', `Bearer ${apiKey}`);
      return request;
    },
    async onResponse({ response }) {
      if (response.status === 401) onUnauthorized((await errorOf(response.clone())).message);
      return response;
    },
  });
  return client;
}

/** The data of an openapi-fetch answer, or the service's error as an ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) throw await errorOf(response, error);
  return data as T;
}

async function errorOf(response: Response, body?: unknown): Promise<ApiError> {
  const parsed = (body ?? (await response.json().catch(() => null))) as Partial<Schemas['ErrorResponseDto']> | null;
  const message = typeof parsed?.message === 'string' ? parsed.message : `The service answered ${response.status}`;
  return new ApiError(response.status, typeof parsed?.code === 'string' ? parsed.code : 'unknown', message);
}
