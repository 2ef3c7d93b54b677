import { Readable } from 'node:stream';
import { StreamableFile } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfiguration } from '../../config/configuration';
import { parseProjectionParameters } from '../list/list-request';
import { AttributeProjection } from '../projection/attribute-projection';
import { ScimResourceController } from '../resource/scim-resource.controller';
import { QueryParameters, ScimAnswer } from '../resource/scim-resource-handlers';
import { GROUP_RESOURCE_SCHEMAS } from '../schema/resource-schemas';
import { SCIM_CONTENT_TYPE } from '../scim.constants';
import { ScimController } from '../scim-controller.decorator';
import { RecordsWritesOf } from '../sync-log/sync-log.decorators';
import { CreateScimGroupCommand } from './commands/create-scim-group.command';
import { DeleteScimGroupCommand } from './commands/delete-scim-group.command';
import { PatchScimGroupCommand } from './commands/patch-scim-group.command';
import { ReplaceScimGroupCommand } from './commands/replace-scim-group.command';
import { GetScimGroupQuery } from './queries/get-scim-group.query';
import { ListScimGroupsQuery } from './queries/list-scim-groups.query';
import { ScimGroupResult, ScimGroupView } from './scim-group-result';

/** Group bodies are JSON text in pieces (a group can have 100,000 members), streamed rather than serialised whole. */
@ScimController('Groups')
@RecordsWritesOf('Group')
export class ScimGroupsController extends ScimResourceController<
  ScimGroupView,
  ScimGroupResult,
  AsyncIterable<string>,
  StreamableFile,
  StreamableFile
> {
  constructor(
    create: CreateScimGroupCommand,
    replace: ReplaceScimGroupCommand,
    patch: PatchScimGroupCommand,
    remove: DeleteScimGroupCommand,
    get: GetScimGroupQuery,
    list: ListScimGroupsQuery,
    config: ConfigService<AppConfiguration, true>,
  ) {
    super(
      config.get('scim', { infer: true }).maxPageSize,
      { create, list, get, replace, patch, delete: remove },
      { viewOf, patchViewOf, answerOf, listAnswerOf: jsonStream },
    );
  }
}

function viewOf(query: QueryParameters): ScimGroupView {
  const { attributes, excludedAttributes } = parseProjectionParameters(query);
  const projection = AttributeProjection.parse(GROUP_RESOURCE_SCHEMAS, attributes, excludedAttributes);
  return { projection, members: projection.returns('members') };
}

/**
 * RFC 7644 §3.5.2 lets a PATCH answer 200 with the whole resource or 204. Without `attributes` or
 * `excludedAttributes` (or with `attributes=`) the answer is 204: the whole resource would make a one-member change
 * to a 100,000-member group read and send the whole group, and Okta and Entra ID take 204. A projection asked for
 * is answered 200 with exactly that projection, members included when it returns them.
 */
function patchViewOf(query: QueryParameters): ScimGroupView | undefined {
  const { attributes, excludedAttributes } = parseProjectionParameters(query);
  return attributes === undefined && excludedAttributes === undefined ? undefined : viewOf(query);
}

function answerOf(result: ScimGroupResult): ScimAnswer<StreamableFile> {
  return { location: result.location, etag: result.etag, body: jsonStream(result.body), subject: result.subject };
}

function jsonStream(chunks: Iterable<string> | AsyncIterable<string>): StreamableFile {
  return new StreamableFile(Readable.from(chunks), { type: SCIM_CONTENT_TYPE });
}
