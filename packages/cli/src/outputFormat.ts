/** `--format` of the commands; `--json` stays as the older spelling of `--format json`. */
export type OutputFormat = 'text' | 'json' | 'sarif';

export const CHECK_FORMATS = ['text', 'json', 'sarif'] as const;
export const PLAN_FORMATS = ['text', 'json'] as const;

/**
 * The format a command prints, from its `--format` value (if any) and its
 * `--json` flag; a message when the value is not one the command prints or
 * the two disagree.
 */
export function resolveOutputFormat<F extends OutputFormat>(
  allowed: readonly F[],
  format: string | undefined,
  json: boolean,
): F | { error: string } {
  const wanted = format ?? (json ? 'json' : 'text');
  const found = allowed.find(candidate => candidate === wanted);
  if (!found) {
    return {
      error: `unknown format "${wanted}"; use one of ${allowed.join(', ')}`,
    };
  }
  if (json && found !== 'json') {
    return {
      error: `--json is short for --format json; it cannot go with --format ${found}`,
    };
  }
  return found;
}
