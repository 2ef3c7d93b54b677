import { All, NotFoundException, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ScimController } from '../scim-controller.decorator';

/**
 * Any other path or method under the SCIM base: a SCIM 404 rather than the admin API's. Registered after every
 * other SCIM controller, so that it only gets what none of them serves.
 */
@ScimController('')
export class ScimNotFoundController {
  @All('{*path}')
  notFound(@Req() request: Request): never {
    throw new NotFoundException(`Cannot ${request.method} ${request.path}`);
  }
}
