import { RequestMethod } from '@nestjs/common';
import type { RouteInfo } from '@nestjs/common/interfaces';
import { SCIM_BASE_PATH } from '../common/scim/scim-base-path';

/** Every path under the SCIM base, routed or not: what runs before routing (body, authentication) binds to it. */
export const SCIM_ROUTES: RouteInfo = { path: `${SCIM_BASE_PATH}{/*path}`, method: RequestMethod.ALL };
