import { CanActivate, ExecutionContext, Injectable, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Request, Response } from 'express';
import { hashSecret, secretMatchesHash } from '../common/crypto/secret-token';
import { AppConfiguration } from '../config/configuration';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** The OpenAPI security scheme of METRICS_TOKEN. */
export const METRICS_TOKEN_SCHEME = 'metrics-token';

/**
 * /metrics exists only when METRICS_TOKEN is set (otherwise it is an unknown route, 404), and only for
 * requests bearing that token, compared in constant time.
 */
@Injectable()
export class MetricsTokenGuard implements CanActivate {
  private readonly tokenHash: Buffer | null;

  constructor(config: ConfigService<AppConfiguration, true>) {
    const token = config.get('metrics', { infer: true }).token;
    this.tokenHash = token === undefined ? null : hashSecret(token);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (!this.tokenHash) throw new NotFoundException(`Cannot ${request.method} ${request.path}`);
    const presented = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (presented === undefined || !secretMatchesHash(presented, this.tokenHash)) {
      context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new UnauthorizedException('A valid metrics token is required');
    }
    return true;
  }
}
