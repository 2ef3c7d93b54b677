import { UseInterceptors } from '@nestjs/common';
import { CompanyScopeInterceptor } from './company-scope.interceptor';

/**
 * Runs the routes in the scope of the company their principal acts for. Part of each authentication decorator, listed
 * first in it so that it wraps every other interceptor of the route (their SQL runs in the scope too); routes without
 * a principal (health, metrics, the console's files) run no interceptor at all. The SCIM surface, authenticated
 * before routing, enters the scope there instead (ScimAuthenticationMiddleware).
 */
export function CompanyScoped(): MethodDecorator & ClassDecorator {
  return UseInterceptors(CompanyScopeInterceptor);
}
