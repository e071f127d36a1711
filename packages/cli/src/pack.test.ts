import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { isBuiltin } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import packageJson from '../package.json';
import { writeTempDirectory } from './__testUtils__/runBinary';
import { sarifSchemaErrors } from './__testUtils__/sarifSchema';

/**
 * Issue 14: the published package runs with Node alone. `npm pack` (its
 * `prepack` bundles dist/meshwise.cjs), then `npm install` of the tarball,
 * offline with an empty cache, into a directory that has nothing else, and
 * the commands run there as `npx @meshwise/cli` or a container would.
 */
jest.setTimeout(180_000);

const PACKAGE_DIR = resolve(__dirname, '..');
const DIST = join(PACKAGE_DIR, 'dist');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<Run> {
  return new Promise(done => {
    execFile(
      command,
      args,
      { cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? Number(error.code ?? 1) : 0;
        done({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

const deployment = (name: string, podSecurity = '') =>
  [
    'apiVersion: apps/v1',
    'kind: Deployment',
    `metadata: {name: ${name}, namespace: shop}`,
    'spec:',
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}, version: v1}}`,
    '    spec:',
    ...(podSecurity ? [`      ${podSecurity}`] : []),
    '      containers: [{name: app, image: x, ports: [{containerPort: 8080}]}]',
  ].join('\n');

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile())
    .map(entry => relative(directory, join(entry.parentPath, entry.name)))
    .sort();
}

describe('the packed @meshwise/cli', () => {
  const work = writeTempDirectory({
    'app/package.json': JSON.stringify({ name: 'app', private: true }),
    'app/manifests/cart.yaml': deployment(
      'cart',
      'securityContext: {runAsUser: 1337}',
    ),
    'app/manifests/catalog.yaml': deployment('catalog'),
    // Where nothing is installed, for npx.
    'elsewhere/manifests/catalog.yaml': deployment('catalog'),
  });
  const app = join(work.path, 'app');
  const distExisted = existsSync(DIST);
  // Nothing of the developer's environment: no npm settings, no user
  // config, no INIT_CWD, an empty cache; node and npm from PATH only.
  const env: NodeJS.ProcessEnv = {
    PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
    HOME: join(work.path, 'home'),
    npm_config_cache: join(work.path, 'npm-cache'),
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
    npm_config_audit: 'false',
    npm_config_fund: 'false',
  };
  let tarball = '';
  let installed = '';

  beforeAll(async () => {
    mkdirSync(env.HOME!, { recursive: true });
    const pack = await run(
      'npm',
      ['pack', '--json', '--pack-destination', work.path],
      PACKAGE_DIR,
      env,
    );
    if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
    tarball = join(work.path, JSON.parse(pack.stdout)[0].filename);
    const install = await run(
      'npm',
      ['install', '--offline', '--no-audit', '--no-fund', tarball],
      app,
      env,
    );
    if (install.code !== 0) {
      throw new Error(`npm install failed:\n${install.stderr}`);
    }
    installed = join(app, 'node_modules', '@meshwise', 'cli');
  });

  afterAll(() => {
    work.remove();
    // The build is the packing's by-product; leave a developer's own.
    if (!distExisted) rmSync(DIST, { recursive: true, force: true });
  });

  it('installs the launchers, the bundle and the docs, without the source', () => {
    expect(filesUnder(installed)).toEqual([
      'README.md',
      'bin/meshwise',
      'bin/meshwise-check',
      'dist/meshwise.cjs',
      'docs/meshwise-check.md',
      'package.json',
    ]);
    // Nothing else was installed: the bundle has no runtime dependency.
    expect(readdirSync(join(app, 'node_modules')).sort()).toEqual([
      '.bin',
      '.package-lock.json',
      '@meshwise',
    ]);
  });

  it('bundles everything but Node built-ins', () => {
    const bundle = readFileSync(join(installed, 'dist/meshwise.cjs'), 'utf8');
    const required = [
      ...bundle.matchAll(/\brequire\(([^)]*)\)|\bimport\(([^)]*)\)/g),
    ].map(match => match[1] ?? match[2]);
    expect(required.length).toBeGreaterThan(0);
    for (const argument of required) {
      const name = /^\s*["'`]([^"'`]+)["'`]\s*$/.exec(argument)?.[1];
      // A computed require would be resolved at run time: none is allowed.
      expect({
        argument,
        builtin: name !== undefined && isBuiltin(name),
      }).toEqual({ argument, builtin: true });
    }
  });

  it('meshwise check --format sarif: SARIF with repository-relative paths, exit 1 on a blocking finding', async () => {
    const check = await run(
      join(app, 'node_modules/.bin/meshwise'),
      ['check', 'manifests', '--format', 'sarif'],
      app,
      env,
    );
    expect(check.stderr).toBe('');
    expect(check.code).toBe(1);
    const log = JSON.parse(check.stdout);
    expect(sarifSchemaErrors(log)).toEqual([]);
    const [runLog] = log.runs;
    expect(runLog.tool.driver).toMatchObject({
      name: 'meshwise',
      version: packageJson.version,
    });
    const uid = runLog.results.find(
      (result: { ruleId: string }) => result.ruleId === 'MR-UID-1337',
    );
    expect(uid).toMatchObject({
      level: 'error',
      locations: [
        {
          physicalLocation: {
            artifactLocation: {
              uri: 'manifests/cart.yaml',
              uriBaseId: '%SRCROOT%',
            },
            region: { startLine: 9 },
          },
        },
      ],
    });
  });

  it('npx @meshwise/cli check: the package has one command, which npx runs', async () => {
    expect(readdirSync(join(app, 'node_modules/.bin'))).toEqual(['meshwise']);
    const text = await run(
      'npx',
      ['--yes', `file:${tarball}`, 'check', 'manifests', '--mesh', 'linkerd'],
      join(work.path, 'elsewhere'),
      env,
    );
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('No blocking findings for Linkerd.');
  });

  it('meshwise plan prints the plan and exits 0; usage errors exit 2', async () => {
    const meshwise = join(app, 'node_modules/.bin/meshwise');
    const plan = await run(
      meshwise,
      [
        'plan',
        'manifests',
        '--selector',
        'app=catalog',
        '--target',
        'linkerd',
        '--format',
        'json',
      ],
      app,
      env,
    );
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout)).toMatchObject({
      service: 'catalog',
      target: 'linkerd',
    });
    const usage = await run(
      meshwise,
      ['check', 'manifests', '--format', 'xml'],
      app,
      env,
    );
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe('');
    expect(usage.stderr).toContain('unknown format "xml"');
  });
});
