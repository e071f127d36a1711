// Builds the command line into one plain-JavaScript file, dist/meshwise.cjs,
// with the engine and its dependencies (yaml, zod) inside: `npx @meshwise/cli`
// and a container run it with Node alone, nothing to install beside it.
import { build } from 'esbuild';

await build({
  entryPoints: [new URL('./src/main.ts', import.meta.url).pathname],
  outfile: new URL('./dist/meshwise.cjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: false,
  legalComments: 'linked',
  logLevel: 'warning',
});
