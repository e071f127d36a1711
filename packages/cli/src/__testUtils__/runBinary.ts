import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export const BIN_DIR = resolve(__dirname, '../../bin');

export interface BinaryRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a launcher of `bin/` with this node, as a user would. */
export function runBinary(
  name: 'meshwise' | 'meshwise-check',
  args: readonly string[],
): Promise<BinaryRun> {
  // INIT_CWD would redirect relative paths; the tests pass absolute ones.
  const { INIT_CWD: _, ...env } = process.env;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [join(BIN_DIR, name), ...args], {
      env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', chunk => (stdout += chunk));
    child.stderr.on('data', chunk => (stderr += chunk));
    child.on('error', fail);
    child.on('close', code => done({ code, stdout, stderr }));
  });
}

/** A temporary directory holding `files` (relative path → content). */
export function writeTempDirectory(files: Record<string, string>): {
  path: string;
  remove(): void;
} {
  const path = mkdtempSync(join(tmpdir(), 'meshwise-cli-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(path, file)), { recursive: true });
    writeFileSync(join(path, file), content);
  }
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
