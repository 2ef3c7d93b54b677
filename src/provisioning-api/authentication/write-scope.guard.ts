import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ProvisioningApiScope, ProvisioningPrincipal } from '../../common/auth/provisioning-principal';
import { ApiErrorCode } from '../../common/errors/api-error-code';
import { ApiException } from '../../common/errors/api.exception';

const READING_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** A read-only key may read; every other method changes something and takes a read-write key (403). */
@Injectable()
export class WriteScopeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request & { user: ProvisioningPrincipal }>();
    if (READING_METHODS.has(request.method) || request.user.scope === ProvisioningApiScope.ReadWrite) return true;
    throw new ApiException(
      403,
      ApiErrorCode.Forbidden,
      `This API key is read-only: ${request.method} changes data and takes a read-write key`,
    );
  }
}
