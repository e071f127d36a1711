import { CommandIo } from './io';
import { runMeshwise } from './meshwise';
import { writeTempDirectory } from './__testUtils__/runBinary';
import { sarifSchemaErrors } from './__testUtils__/sarifSchema';

/** `--format` of both commands: every format exits with the same code. */
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

async function meshwise(args: string[]) {
  let stdout = '';
  let stderr = '';
  const io: CommandIo = {
    stdout: text => {
      stdout += text;
    },
    stderr: text => {
      stderr += text;
    },
  };
  const code = await runMeshwise(args, io);
  return { code, stdout, stderr };
}

describe('--format', () => {
  const blocked = writeTempDirectory({
    'bad.yaml': deployment('bad', 'securityContext: {runAsUser: 1337}, '),
  });
  const clean = writeTempDirectory({ 'ok.yaml': deployment('ok') });
  afterAll(() => [blocked, clean].forEach(dir => dir.remove()));

  it.each([
    ['a blocking finding', () => blocked.path, 1],
    ['no blocking finding', () => clean.path, 0],
  ])('check exits the same in every format: %s', async (_, dir, code) => {
    const text = await meshwise(['check', dir()]);
    const json = await meshwise(['check', dir(), '--format', 'json']);
    const sarif = await meshwise(['check', dir(), '--format=sarif']);
    expect([text.code, json.code, sarif.code]).toEqual([code, code, code]);
    expect(text.stdout).toMatch(/^meshwise-check /);
    expect(JSON.parse(json.stdout).exitCode).toBe(code);
    const log = JSON.parse(sarif.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    expect(
      log.runs[0].results.filter((r: { level: string }) => r.level === 'error'),
    ).toHaveLength(code);
    // --json is --format json.
    expect((await meshwise(['check', dir(), '--json'])).stdout).toBe(
      json.stdout,
    );
  });

  const errors: Array<[string, () => string[], string]> = [
    [
      'an unknown format',
      () => ['check', clean.path, '--format', 'xml'],
      'unknown format "xml"; use one of text, json, sarif',
    ],
    [
      '--json with another format',
      () => ['check', clean.path, '--format', 'sarif', '--json'],
      'cannot go with --format sarif',
    ],
    [
      'an unknown mesh',
      () => ['check', clean.path, '--format', 'sarif', '--mesh', 'nope'],
      'unknown mesh "nope"',
    ],
    [
      'no such directory',
      () => ['check', `${clean.path}/missing`, '--format', 'sarif'],
      'does not exist',
    ],
    [
      'plan --format sarif',
      () => [
        'plan',
        clean.path,
        '--selector',
        'app=ok',
        '--target',
        'linkerd',
        '--format',
        'sarif',
      ],
      'unknown format "sarif"; use one of text, json',
    ],
  ];

  it.each(errors)(
    '%s exits 2 with nothing on stdout',
    async (_, args, message) => {
      const run = await meshwise(args());
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(message);
    },
  );

  it('plan prints text or json and exits 0 either way', async () => {
    const args = [
      'plan',
      clean.path,
      '--selector',
      'app=ok',
      '--target',
      'linkerd',
    ];
    const text = await meshwise(args);
    const json = await meshwise([...args, '--format', 'json']);
    expect([text.code, json.code]).toEqual([0, 0]);
    expect(text.stdout).toMatch(/^meshwise plan: ok to Linkerd/);
    expect(JSON.parse(json.stdout)).toMatchObject({
      target: 'linkerd',
      service: 'ok',
    });
    expect((await meshwise([...args, '--json'])).stdout).toBe(json.stdout);
  });

  it('--help of every command documents the formats and the exit codes', async () => {
    for (const args of [['--help'], ['check', '--help'], ['plan', '--help']]) {
      const run = await meshwise(args);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/--format text\|json/);
      expect(run.stdout).toMatch(/^ {2}0 {2}/m);
      expect(run.stdout).toMatch(/^ {2}2 {2}usage or input error/m);
    }
    expect((await meshwise(['check', '--help'])).stdout).toMatch(
      /^ {2}1 {2}at least one workload has a blocking finding/m,
    );
  });
});
