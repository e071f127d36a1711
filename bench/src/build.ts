/**
 * The measuring scripts bundled as a production backend runs: plain
 * JavaScript, no TypeScript transform at run time. The workspace's own
 * packages are bundled in; every other package is loaded from node_modules.
 */
import { build } from 'esbuild';
import path from 'node:path';

export const MEASURING_SCRIPTS = [
  'fleetServer.ts',
  'meshwiseScan.ts',
  'parseFloor.ts',
  'fanOut.ts',
  'apiLoad.ts',
  'realPathBackend.ts',
];

/** Bundles the measuring scripts into `bench/.build`; returns that directory. */
export async function buildMeasuringScripts(): Promise<string> {
  const outdir = path.resolve(__dirname, '../.build');
  await build({
    entryPoints: MEASURING_SCRIPTS.map(script => path.join(__dirname, script)),
    outdir,
    bundle: true,
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    format: 'cjs',
    sourcemap: 'linked',
    logLevel: 'warning',
    plugins: [
      {
        name: 'packages-from-node-modules',
        setup(builder) {
          builder.onResolve({ filter: /^[^./]/ }, args =>
            args.path.startsWith('@meshwise/')
              ? undefined
              : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  return outdir;
}
