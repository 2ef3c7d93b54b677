import { ScimPrincipal } from '../../common/auth/scim-principal';
import { ListRequest } from '../list/list-request';
import { SyncSubject } from '../sync-log/sync-log-details';
import { Skippable } from '../ownership/skipped-write';

export type QueryParameters = Record<string, unknown>;

/** A resource as answered, with its Location and ETag headers, and whom the sync log names for a write of it. */
export interface ScimAnswer<Resource> {
  location: string;
  etag: string;
  body: Resource;
  subject: SyncSubject;
}

/** An answer without a body: a GET of the version the client has (304), a PATCH asked for no attributes (204). */
export interface ScimVersionOnly {
  etag: string;
  subject?: SyncSubject;
}

/**
 * The commands and queries a resource type's routes run. View: what a response shows; Result: a single resource
 * rendered; Listed: a page rendered.
 */
export interface ScimResourceOperations<View, Result extends { location: string }, Listed> {
  create: { execute(principal: ScimPrincipal, body: unknown, view: View): Promise<Result> };
  list: { execute(principal: ScimPrincipal, request: ListRequest): Promise<Listed> };
  get: { execute(principal: ScimPrincipal, id: string, view: View, ifNoneMatch: string | undefined): Promise<Result | ScimVersionOnly> };
  replace: {
    execute(principal: ScimPrincipal, id: string, body: unknown, version: number | undefined, view: View): Promise<Result & Skippable>;
  };
  /** Without a view the result is only the new version. */
  patch: {
    execute(
      principal: ScimPrincipal,
      id: string,
      body: unknown,
      version: number | undefined,
      view: View | undefined,
    ): Promise<(Result | ScimVersionOnly) & Skippable>;
  };
  /** Resolves with whom the deletion was about, for the sync log. */
  delete: { execute(principal: ScimPrincipal, id: string, version: number | undefined): Promise<SyncSubject & Skippable> };
}

/** How a request's parameters become a view, and the operations' results the answer of a route. */
export interface ScimResourceRendering<View, Result, Listed, Resource, List> {
  /** The view asked for by `attributes` and `excludedAttributes` (RFC 7644 §3.9). */
  viewOf(query: QueryParameters): View;
  /** RFC 7644 §3.5.2: the view a PATCH answers 200 with, or undefined to answer 204. */
  patchViewOf(query: QueryParameters): View | undefined;
  answerOf(result: Result): ScimAnswer<Resource>;
  listAnswerOf(listed: Listed): List;
}

/** A result that is a version only, not a rendered resource. */
export function isVersionOnly<Result extends { location: string }>(result: Result | ScimVersionOnly): result is ScimVersionOnly {
  return !('location' in result);
}
