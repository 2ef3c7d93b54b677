import helmet from 'helmet';
import { precomputedHeaders } from '../common/http/precomputed-headers';

/**
 * The console runs only its own bundled script and stylesheet and talks only to this origin: no inline script or
 * style, no eval, no framing (clickjacking on token buttons), no plugins, no forms to elsewhere.
 */
export const CONSOLE_CONTENT_SECURITY_POLICY = {
  'default-src': ["'none'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'manifest-src': ["'self'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
};

export const consoleSecurityHeaders = precomputedHeaders(
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: CONSOLE_CONTENT_SECURITY_POLICY },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  }),
);
