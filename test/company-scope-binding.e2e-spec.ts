import { GUARDS_METADATA, INTERCEPTORS_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { SCIM_BASE_PATH } from '../src/common/scim/scim-base-path';
import { CompanyScopeInterceptor } from '../src/common/tenancy/company-scope.interceptor';
import { startTestApp, TestApp } from './support/test-app';

type Enhancer = (abstract new (...args: never[]) => unknown) | object;

interface RouteBinding {
  route: string;
  authenticated: boolean;
  interceptors: Enhancer[];
}

/** A passport guard (AuthGuard(...) or a class extending one) authenticates a principal. */
function isPassportGuard(guard: Enhancer): boolean {
  return typeof (guard as { prototype?: { getAuthenticateOptions?: unknown } }).prototype?.getAuthenticateOptions === 'function';
}

/** Every route handler of the running application, with its guards and interceptors in the order Nest runs them. */
function routeBindings(app: TestApp): RouteBinding[] {
  const bindings: RouteBinding[] = [];
  for (const module of app.running.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prototype = controller.prototype as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(prototype)) {
        const handler = prototype[name];
        if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const of = (key: string): Enhancer[] => [
          ...((Reflect.getMetadata(key, controller) as Enhancer[] | undefined) ?? []),
          ...((Reflect.getMetadata(key, handler) as Enhancer[] | undefined) ?? []),
        ];
        bindings.push({
          route: `${String(Reflect.getMetadata(PATH_METADATA, controller))} ${controller.name}.${name}`,
          authenticated: of(GUARDS_METADATA).some(isPassportGuard),
          interceptors: of(INTERCEPTORS_METADATA),
        });
      }
    }
  }
  return bindings;
}

/**
 * Where the company scope is entered decides whose rows a request's SQL may touch, its interceptors' SQL included:
 * pinned here on the application's own routes, which no request-level test would notice going wrong.
 */
describe('company scope binding', () => {
  let app: TestApp;
  let bindings: RouteBinding[];

  beforeAll(async () => {
    app = await startTestApp();
    bindings = routeBindings(app);
  });
  afterAll(() => app.close());

  it('finds the routes of every surface', () => {
    expect(bindings.filter((binding) => binding.authenticated).length).toBeGreaterThan(50);
    expect(bindings.some((binding) => binding.route.startsWith(SCIM_BASE_PATH))).toBe(true);
  });

  it('runs every authenticated route outside the SCIM surface in its company scope, around all its other interceptors', () => {
    const wrong = bindings
      .filter((binding) => binding.authenticated && !binding.route.startsWith(SCIM_BASE_PATH))
      .filter((binding) => binding.interceptors[0] !== CompanyScopeInterceptor)
      .map((binding) => binding.route);
    expect(wrong).toEqual([]);
  });

  it('binds no scope interceptor on the SCIM surface (its authentication middleware enters the scope) or on routes without a principal', () => {
    const needless = bindings
      .filter((binding) => binding.route.startsWith(SCIM_BASE_PATH) || !binding.authenticated)
      .filter((binding) => binding.interceptors.includes(CompanyScopeInterceptor))
      .map((binding) => binding.route);
    expect(needless).toEqual([]);
  });
});
