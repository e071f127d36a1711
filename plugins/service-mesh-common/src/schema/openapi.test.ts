// A Node test of the repository's generator, not code of this package.
// eslint-disable-next-line no-restricted-imports
import { spawnSync } from 'child_process';
// eslint-disable-next-line no-restricted-imports
import { resolve } from 'path';

/*
 * The types here and the backend's typed spec are generated from the
 * backend's openapi.yaml; a change to one without the others fails `npm test`.
 */
describe('the generated OpenAPI files', () => {
  it('match openapi.yaml (npm run openapi:generate)', () => {
    const root = resolve(__dirname, '../../../..');
    const result = spawnSync(
      process.execPath,
      [resolve(root, 'scripts/openapi.mjs'), 'check'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, 120_000);
});
