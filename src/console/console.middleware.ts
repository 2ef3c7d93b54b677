import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { HttpStatus, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { ApiErrorCode } from '../common/errors/api-error-code';
import { ApiException } from '../common/errors/api.exception';
import { consoleBuildDirectory } from './console-build';
import { consoleSecurityHeaders } from './console-security-headers';

export const CONSOLE_PATH = '/console';
const ASSETS = 'assets/';
const A_YEAR_IN_MS = 365 * 24 * 3600 * 1000;

/**
 * Serves the built console under /console: hashed assets cached for a year, anything else is the page itself
 * (index.html, never cached, so that a new build is picked up at once), whose script routes the path.
 */
@Injectable()
export class ConsoleMiddleware implements NestMiddleware {
  private readonly root = consoleBuildDirectory();

  use(request: Request, response: Response, next: NextFunction): void {
    // Mounted for every method so that the OpenAPI route walk sees middleware, not an undocumented route.
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (!existsSync(join(this.root, 'index.html'))) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ApiErrorCode.NotReady, 'The console is not built: run npm run build');
    }
    consoleSecurityHeaders(request, response, (error?: unknown) => (error ? next(error) : this.serve(request, response, next)));
  }

  private serve(request: Request, response: Response, next: NextFunction): void {
    const path = request.path.slice(CONSOLE_PATH.length).replace(/^\/+/, '');
    if (path.startsWith(ASSETS)) {
      response.sendFile(path, { root: this.root, maxAge: A_YEAR_IN_MS, immutable: true, dotfiles: 'deny' }, (error) => {
        // A missing asset is the service's ordinary 404, not the page.
        if (error && !response.headersSent) next();
      });
      return;
    }
    response.sendFile('index.html', { root: this.root, cacheControl: false, headers: { 'Cache-Control': 'no-cache' } }, (error) => {
      if (error && !response.headersSent) next(error);
    });
  }
}
