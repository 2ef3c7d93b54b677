import { Get, Param, Query } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { AppConfiguration } from '../../config/configuration';
import { ScimController } from '../scim-controller.decorator';
import { ScimError } from '../scim.error';
import { listResponse, ScimListResponse } from '../scim-list-response';
import { ScimUrls } from '../scim-urls';
import { resourceTypes, schemaResources, serviceProviderConfig } from './discovery-documents';

type Document = Record<string, unknown>;
type QueryParameters = Record<string, unknown>;

/** RFC 7644 §4: ServiceProviderConfig, ResourceTypes and Schemas. */
@ScimController('')
export class DiscoveryController {
  private readonly serviceProviderConfig: Document;
  private readonly resourceTypes: Document[];
  private readonly schemas: Document[];

  constructor(urls: ScimUrls, config: ConfigService<AppConfiguration, true>) {
    const { maxPageSize, bulk } = config.get('scim', { infer: true });
    this.serviceProviderConfig = serviceProviderConfig(urls.base, maxPageSize, bulk);
    this.resourceTypes = resourceTypes(urls.base);
    this.schemas = schemaResources(urls.base);
  }

  @Get('ServiceProviderConfig')
  getServiceProviderConfig(@Query() query: QueryParameters): Document {
    refuseFilter(query);
    return this.serviceProviderConfig;
  }

  @Get('ResourceTypes')
  listResourceTypes(@Query() query: QueryParameters): ScimListResponse<Document> {
    refuseFilter(query);
    return listResponse(this.resourceTypes, this.resourceTypes.length);
  }

  @Get('ResourceTypes/:id')
  getResourceType(@Param('id') id: string, @Query() query: QueryParameters): Document {
    refuseFilter(query);
    return findById(this.resourceTypes, id, 'ResourceType');
  }

  @Get('Schemas')
  listSchemas(@Query() query: QueryParameters): ScimListResponse<Document> {
    refuseFilter(query);
    return listResponse(this.schemas, this.schemas.length);
  }

  @Get('Schemas/:id')
  getSchema(@Param('id') id: string, @Query() query: QueryParameters): Document {
    refuseFilter(query);
    return findById(this.schemas, id, 'Schema');
  }
}

/**
 * RFC 7644 §4: a filter on a discovery endpoint is answered 403, so that no client takes the whole list for the
 * resources that matched; the other query parameters are ignored.
 */
function refuseFilter(query: QueryParameters): void {
  if (Object.keys(query ?? {}).some((key) => key.toLowerCase() === 'filter')) {
    throw new ScimError(403, 'The discovery endpoints do not support filtering (RFC 7644 §4)');
  }
}

function findById(documents: Document[], id: string, kind: string): Document {
  const found = documents.find((document) => String(document.id).toLowerCase() === id.toLowerCase());
  if (!found) throw ScimError.notFound(`${kind} ${id} not found`);
  return found;
}
