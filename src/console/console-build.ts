import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Where `npm run build` (or the test setup) writes the console: dist/console at the project's root. */
export function consoleBuildDirectory(): string {
  let directory = __dirname;
  // src/console when run from source, dist/src/console when built: the root is the nearest folder with package.json.
  while (!existsSync(join(directory, 'package.json'))) {
    const parent = dirname(directory);
    if (parent === directory) throw new Error(`No package.json above ${__dirname}`);
    directory = parent;
  }
  return join(directory, 'dist', 'console');
}
