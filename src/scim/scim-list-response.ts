import { ScimMessageUri } from './scim.constants';

export interface ScimListResponse<T> {
  schemas: [ScimMessageUri.ListResponse];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

export function listResponse<T>(resources: T[], totalResults: number, startIndex = 1): ScimListResponse<T> {
  return {
    schemas: [ScimMessageUri.ListResponse],
    totalResults,
    startIndex,
    itemsPerPage: resources.length,
    Resources: resources,
  };
}
