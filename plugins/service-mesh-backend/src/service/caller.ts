import {
  BackstageCredentials,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { Request } from 'express';

/** A request of any route, whatever the spec types its params, query and body. */
type AnyRequest = Request<any, any, any, any, any>;

/** Reads the caller's credentials (a user or a service; 401 without). */
export function callerCredentials(
  httpAuth: HttpAuthService,
): (req: AnyRequest) => Promise<BackstageCredentials> {
  return req => httpAuth.credentials(req, { allow: ['user', 'service'] });
}
