import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The engine's place in the layout (root README, "How it fits together"):
 * pure code that the backend and the command line run. It reaches the
 * outside world only through the contract package and two data libraries.
 */
const ALLOWED_RUNTIME_IMPORTS = new Set([
  '@meshwise/backstage-plugin-service-mesh-common',
  'yaml',
  'zod',
]);

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap(entry => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) {
      return entry.name === '__testUtils__' ? [] : sourceFiles(path);
    }
    return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)
      ? [path]
      : [];
  });
}

function bareImports(source: string): string[] {
  return [...source.matchAll(/(?:from|import)\s+'([^'.][^']*)'/g)].map(
    ([, specifier]) => specifier,
  );
}

describe('the engine', () => {
  const files = sourceFiles(__dirname);

  it('has source files to check', () => {
    expect(files.length).toBeGreaterThan(100);
  });

  it('imports nothing but the contract, yaml and zod: no Backstage, no I/O', () => {
    const offending = files.flatMap(file =>
      bareImports(readFileSync(file, 'utf8'))
        .filter(specifier => !ALLOWED_RUNTIME_IMPORTS.has(specifier))
        .map(specifier => `${relative(__dirname, file)}: ${specifier}`),
    );
    expect(offending).toEqual([]);
  });
});
