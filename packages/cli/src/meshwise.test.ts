import { runBinary, writeTempDirectory } from './__testUtils__/runBinary';

/** The `meshwise` launcher: subcommands, help, and the meshwise-check alias. */
jest.setTimeout(60_000);

const deployment = (name: string, podSecurity = '') =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}, namespace: shop}`,
    'spec:',
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}, version: v1}}`,
    `    spec: {${podSecurity}containers: [{name: app, image: x}]}`,
  ].join('\n');

describe('meshwise', () => {
  const blocked = writeTempDirectory({
    'bad.yaml': deployment('bad', 'securityContext: {runAsUser: 1337}, '),
  });
  const clean = writeTempDirectory({ 'ok.yaml': deployment('ok') });
  afterAll(() => [blocked, clean].forEach(dir => dir.remove()));

  it.each([
    ['a blocking finding (exit 1)', () => [blocked.path], 1],
    ['no blocking finding (exit 0)', () => [clean.path], 0],
    ['--json', () => [blocked.path, '--json', '--mesh', 'linkerd'], 0],
    ['no such directory (exit 2)', () => [`${clean.path}/missing`], 2],
    ['an unknown mesh (exit 2)', () => [clean.path, '--mesh', 'nope'], 2],
  ])(
    'meshwise-check is an alias of meshwise check: %s',
    async (_, args, code) => {
      const alias = await runBinary('meshwise-check', args());
      const check = await runBinary('meshwise', ['check', ...args()]);
      expect(alias.code).toBe(code);
      expect(check.code).toBe(code);
      expect(check.stdout).toBe(alias.stdout);
      expect(check.stderr).toBe(
        alias.stderr.replace(/meshwise-check/g, 'meshwise check'),
      );
    },
  );

  it('prints usage and exits 2 without a command or with an unknown one', async () => {
    for (const args of [[], ['migrate']]) {
      const run = await runBinary('meshwise', args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        args.length ? 'unknown command migrate' : 'missing command',
      );
      expect(run.stderr).toContain('Usage: meshwise <command>');
    }
  });

  it('--help exits 0 with usage on stdout, for meshwise and each command', async () => {
    const expected: Array<[string[], string]> = [
      [['--help'], 'Usage: meshwise <command>'],
      [['check', '--help'], 'Usage: meshwise check <dir>'],
      [['plan', '--help'], 'Usage: meshwise plan <dir> --selector <labels>'],
    ];
    for (const [args, usage] of expected) {
      const run = await runBinary('meshwise', args);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(usage);
    }
  });
});
