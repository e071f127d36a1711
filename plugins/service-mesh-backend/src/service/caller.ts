import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Request } from 'express';

/** Reads the caller's credentials (a user or a service; 401 without). */
export function callerCredentials(
  httpAuth: HttpAuthService,
): (req: Request) => Promise<BackstageCredentials> {
  return req => httpAuth.credentials(req, { allow: ['user', 'service'] });
}
