import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

// Built into dist/console, which the service serves at /console (src/console).
export default defineConfig({
  root: here,
  base: '/console/',
  build: {
    outDir: join(here, '..', 'dist', 'console'),
    emptyOutDir: true,
    // Inlined assets would be data: URLs in scripts and styles; files keep the Content-Security-Policy simple.
    assetsInlineLimit: 0,
  },
  oxc: { jsx: { runtime: 'automatic' } },
});
