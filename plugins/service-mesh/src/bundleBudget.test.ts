/**
 * @jest-environment node
 */
// A Node test of the build, not browser code: esbuild is the workspace
// root's devDependency, and reading files is the point.
// eslint-disable-next-line @backstage/no-undeclared-imports
import { build, Metafile } from 'esbuild';
// eslint-disable-next-line no-restricted-imports
import { readFileSync } from 'fs';
// eslint-disable-next-line no-restricted-imports
import { join, resolve } from 'path';

/*
 * The browser renders what the backend computed: this plugin's own bundle
 * stays small and carries no engine, knowledge-base data, yaml or zod
 * (issue 14). Measured as esbuild bundles it, minified, with what the app
 * provides kept out: Backstage, Material UI, React, and this package's own
 * third-party dependencies (recharts, react-use, react-router-dom), which an
 * app shares. The common package and whatever it pulls in are counted.
 */
const BUDGET_BYTES = 130 * 1024;

const packageDir = resolve(__dirname, '..');
const manifest = JSON.parse(
  readFileSync(join(packageDir, 'package.json'), 'utf8'),
);
const ownDependencies = Object.keys({
  ...manifest.dependencies,
  ...manifest.peerDependencies,
}).filter(name => !name.startsWith('@meshwise/'));

const FORBIDDEN = [
  /(^|\/)packages\/mesh-engine\//,
  /node_modules\/(yaml|zod)\//,
];
/**
 * esbuild leaves an empty lazy-init wrapper (`__esm({...}(){"use strict"}})`)
 * for a folder's index the package's `export *` passes through; that is no
 * code of the folder. Anything bigger is.
 */
const EMPTY_WRAPPER_BYTES = 40;

describe('the frontend bundle', () => {
  let size: number;
  let inputs: Metafile['outputs'][string]['inputs'];

  beforeAll(async () => {
    const result = await build({
      entryPoints: [join(packageDir, 'src/index.ts')],
      absWorkingDir: packageDir,
      bundle: true,
      minify: true,
      format: 'esm',
      write: false,
      metafile: true,
      outfile: 'bundle.js',
      logLevel: 'silent',
      external: [
        '@backstage/*',
        '@material-ui/*',
        'react',
        'react-dom',
        ...ownDependencies,
      ],
    });
    const output = Object.values(result.metafile.outputs)[0];
    size = output.bytes;
    inputs = output.inputs;
  }, 60_000);

  it(`stays within ${BUDGET_BYTES / 1024} KB`, () => {
    expect(size).toBeLessThanOrEqual(BUDGET_BYTES);
  });

  it('carries no engine (@meshwise/mesh-engine), yaml or zod code', () => {
    const offending = Object.entries(inputs)
      .filter(([path]) => FORBIDDEN.some(pattern => pattern.test(path)))
      .filter(([, input]) => input.bytesInOutput > EMPTY_WRAPPER_BYTES)
      .map(([path, input]) => `${path} (${input.bytesInOutput} bytes)`);
    expect(offending).toEqual([]);
  });
});
