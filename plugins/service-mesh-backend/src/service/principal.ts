import { BackstageCredentials } from '@backstage/backend-plugin-api';

/** Who acts, as stored on tasks and comments: a user's entity ref, else the service's subject. */
export function principalOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return principal.userEntityRef ?? principal.subject ?? 'unknown';
}
