import { redactUrls } from './redactUrls';
import { ClusterProblem } from './types';

/**
 * What a failed `readTree` of a manifest source means, for the cluster's
 * stale reason: the status the repository host answered, what to check, and
 * the reader's own message (credentials taken out of its URLs). Backstage's
 * readers throw `NotFoundError` for a 404, `NotAllowedError` for a host no
 * integration covers, and an `Error` with the status in its message
 * (`Request failed for <url>, 401 Unauthorized`) for the rest.
 */
export function urlReadProblem(
  source: string,
  url: string,
  error: unknown,
): ClusterProblem {
  const { name = '', message = String(error) } = (error ?? {}) as Error;
  const detail = redactUrls(message);
  const status =
    name === 'NotFoundError'
      ? 404
      : Number(/,\s*([45]\d\d)\b/.exec(message)?.[1] ?? 0);
  const host = hostOf(url);
  const cannotRead = `Manifest source ${source}: cannot read ${redactUrls(
    url,
  )}`;
  const problem = (
    reason: ClusterProblem['reason'],
    what: string,
  ): ClusterProblem => ({
    reason,
    operation: 'read repository tree',
    message: `${cannotRead}: ${what} (${detail})`,
  });

  if (name === 'NotAllowedError') {
    return problem(
      'configuration',
      `no integration reads ${host}; configure one under integrations (github, gitlab, ...) for host ${host}`,
    );
  }
  if (name === 'AbortError' || name === 'TimeoutError') {
    return problem('timeout', 'the read timed out');
  }
  if (status === 404) {
    return problem(
      'configuration',
      `not found (404); check the repository, branch and path of the url, and that the integration for ${host} may read it (private repositories answer 404 without access)`,
    );
  }
  if (status === 401) {
    return problem(
      'unauthorized',
      `the host rejected the credentials (401); check the token of the integration for ${host}`,
    );
  }
  if (status === 403) {
    return problem(
      'forbidden',
      `permission denied or rate limited (403); check the token of the integration for ${host} and its access to the repository`,
    );
  }
  if (status >= 500) {
    return problem('server-error', `the host answered ${status}`);
  }
  if (status >= 400) {
    return problem('malformed-response', `the host answered ${status}`);
  }
  return problem('unreachable', 'the read failed');
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
