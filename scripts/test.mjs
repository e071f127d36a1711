#!/usr/bin/env node
/*
 * `npm test`: the whole suite, in the order a reviewer would run it.
 *   1. type check (tsc)      2. lint (Backstage ESLint config)
 *   3. unit and integration tests of every package (Jest via backstage-cli),
 *      the store on SQLite and, when one is reachable, PostgreSQL
 *   4. a smoke run of the benchmarks (small fleet, no timing assertions)
 *   5. end-to-end tests in Chromium against the demo (Playwright)
 * It ends with one line of totals: "N passed, N failed, N skipped".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const isCi = Boolean(process.env.CI);
const env = { ...process.env, CI: 'true', BACKSTAGE_TEST_DISABLE_DOCKER: '1' };
const totals = { passed: 0, failed: 0, skipped: 0 };
const steps = [];

function run(name, command, args, options = {}) {
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    env,
    stdio: 'inherit',
    ...options,
  });
  const ok = result.status === 0;
  steps.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  return ok;
}

function canConnect(host, port) {
  return new Promise(resolve => {
    const socket = connect({ host, port, timeout: 1500 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

const PG_ENV = 'BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING';
if (!env[PG_ENV] && (await canConnect('127.0.0.1', 5432))) {
  env[PG_ENV] = 'postgresql://postgres@127.0.0.1:5432';
}
console.log(
  env[PG_ENV]
    ? `PostgreSQL: store tests run against ${env[PG_ENV].replace(
        /:[^:@/]*@/,
        ':***@',
      )}`
    : 'PostgreSQL: none reachable on 127.0.0.1:5432, its store tests are reported as skipped',
);

run('type check', 'npx', ['tsc', '--noEmit']);
run('lint', 'npx', ['backstage-cli', 'repo', 'lint']);

const jestReport = join(
  mkdtempSync(join(tmpdir(), 'meshwise-jest-')),
  'r.json',
);
run('unit and integration tests', 'npx', [
  'backstage-cli',
  'repo',
  'test',
  '--json',
  `--outputFile=${jestReport}`,
]);
if (existsSync(jestReport)) {
  const report = JSON.parse(readFileSync(jestReport, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + report.numTodoTests;
  console.log(
    `jest: ${report.numPassedTests} passed, ${report.numFailedTests} failed, ${report.numPendingTests} skipped`,
  );
  for (const id of ['SQLITE_3', 'POSTGRES_15']) {
    const results = report.testResults
      .flatMap(file => file.assertionResults)
      .filter(test => test.fullName.includes(id));
    const count = status => results.filter(t => t.status === status).length;
    console.log(
      `database ${id}: ${count('passed')} passed, ${count(
        'failed',
      )} failed, ${count('pending')} skipped`,
    );
  }
  rmSync(jestReport);
}

// A small benchmark run: proves the benchmark works (no timing assertions).
run('benchmark smoke', 'npm', ['run', '-s', 'bench:smoke']);

const chromium = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
]
  .filter(Boolean)
  .find(p => existsSync(p));
if (!chromium && !isCi) {
  console.log(
    '\n=== end-to-end tests: skipped, no Chromium found (install it with apt-get install -y chromium, or set CHROMIUM_PATH)',
  );
  totals.skipped += 1;
} else {
  runEndToEnd();
}

function runEndToEnd() {
  const e2eReport = join(
    mkdtempSync(join(tmpdir(), 'meshwise-e2e-')),
    'r.json',
  );
  const e2eOk = run('end-to-end tests', 'npx', ['playwright', 'test'], {
    env: {
      ...env,
      CI: isCi ? 'true' : '',
      PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
      PLAYWRIGHT_HTML_OPEN: 'never',
    },
  });
  if (existsSync(e2eReport)) {
    const { stats } = JSON.parse(readFileSync(e2eReport, 'utf8'));
    totals.passed += stats.expected + stats.flaky;
    totals.failed += stats.unexpected;
    totals.skipped += stats.skipped;
    console.log(
      `e2e: ${stats.expected + stats.flaky} passed, ${
        stats.unexpected
      } failed, ${stats.skipped} skipped`,
    );
    rmSync(e2eReport);
  } else if (!e2eOk) {
    totals.failed += 1;
  }
}

console.log('\n=== summary');
for (const step of steps) {
  console.log(`${step.ok ? 'ok  ' : 'FAIL'} ${step.name} (${step.seconds}s)`);
}
const failedSteps = steps.filter(s => !s.ok).length;
if (failedSteps > 0 && totals.failed === 0) totals.failed = failedSteps;
console.log(
  `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`,
);
process.exit(failedSteps > 0 ? 1 : 0);
