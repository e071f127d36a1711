import { AuditorService } from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';

/**
 * The plugin's audit events, one per kind of change made through its API
 * (kebab-case, without the plugin id, as the auditor service asks).
 */
export type ServiceMeshAuditEventId =
  | 'entity-refresh'
  | 'task-create'
  | 'task-update'
  | 'task-comment';

/**
 * Runs one change as an audit event of `coreServices.auditor`: the caller
 * comes from the request, `meta` says what was asked, and the event ends
 * with `success` and what the change did, or with `fail` and its error
 * (thrown on). Every change is a write: severity `medium`.
 */
export async function audited<T>(
  auditor: AuditorService,
  event: {
    eventId: ServiceMeshAuditEventId;
    request: Request<any, any, any, any, any>;
    meta: JsonObject;
  },
  change: () => Promise<T>,
  outcome: (result: T) => JsonObject,
): Promise<T> {
  const auditEvent = await auditor.createEvent({
    ...event,
    severityLevel: 'medium',
  });
  try {
    const result = await change();
    await auditEvent.success({ meta: outcome(result) });
    return result;
  } catch (error) {
    await auditEvent.fail({ error: error as Error });
    throw error;
  }
}
