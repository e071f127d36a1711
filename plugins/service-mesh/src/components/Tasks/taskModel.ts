import { MigrationTaskStatus } from '@meshwise/backstage-plugin-service-mesh-common';

// Task targets and their labels are defined once, in the common package, so
// the UI, the task titles and the API agree (`gateway-api` is Amazon VPC
// Lattice everywhere).
export {
  TASK_TARGETS,
  taskTargetLabel,
} from '@meshwise/backstage-plugin-service-mesh-common';

export const TASK_STATUS_LABELS: Record<MigrationTaskStatus, string> = {
  open: 'Open',
  'in-progress': 'In progress',
  blocked: 'Blocked',
  done: 'Done',
  'wont-do': "Won't do",
};

/** Dark enough for white text (WCAG AA). */
export const TASK_STATUS_COLORS: Record<MigrationTaskStatus, string> = {
  open: '#1565c0',
  'in-progress': '#b45309',
  blocked: '#c62828',
  done: '#2e7d32',
  'wont-do': '#616161',
};

function statusOf(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const candidate = error as {
    statusCode?: number;
    response?: { status?: number };
  };
  return candidate.statusCode ?? candidate.response?.status;
}

/** True for the API's "the task changed since you read it" answer (409). */
export function isConflictError(error: unknown): boolean {
  if (statusOf(error) === 409) return true;
  const candidate = error as
    | { name?: string; cause?: { name?: string } }
    | undefined;
  return (
    candidate?.name === 'ConflictError' ||
    candidate?.cause?.name === 'ConflictError'
  );
}

/** True for a 404 answer. */
export function isNotFound(error: unknown): boolean {
  const candidate = error as { name?: string } | undefined;
  return statusOf(error) === 404 || candidate?.name === 'NotFoundError';
}

/** The message to show for a failed call: the backend's own when it sent one. */
export function errorMessage(error: unknown): string {
  if (!error) return '';
  const candidate = error as {
    message?: string;
    body?: { error?: { message?: string } };
  };
  return candidate.body?.error?.message ?? candidate.message ?? String(error);
}

/** A fresh key for `Idempotency-Key`: one per dialog opening. */
export function newIdempotencyKey(): string {
  const crypto = globalThis.crypto;
  if (crypto && typeof crypto.randomUUID === 'function') {
    return crypto.randomUUID();
  }
  // Browsers without randomUUID (non-secure contexts): still unique enough.
  return `${Date.now().toString(36)}-${Math.random()
    .toString(36)
    .slice(2)}-${Math.random().toString(36).slice(2)}`;
}
