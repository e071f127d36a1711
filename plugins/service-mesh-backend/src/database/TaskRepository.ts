import { ConflictError, NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { createHash, randomUUID } from 'node:crypto';
import {
  ACTIVE_TASK_STATUSES,
  MigrationTask,
  MigrationTaskComment,
  MigrationTaskQuery,
  MigrationTaskStatus,
  TaskTarget,
  UpdateMigrationTaskRequest,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { IdempotencyKeyReusedError } from './IdempotencyKeyReusedError';
import { chunks, isUniqueViolation, toCount, toIso } from './rows';

type TaskRow = {
  id: string;
  entity_ref: string;
  target: string;
  title: string;
  description: string;
  status: string;
  assignee: string | null;
  due_date: string | null;
  version: number;
  created_by: string;
  created_at: Date | string;
  updated_at: Date | string;
  resolution: string | null;
  external_url: string | null;
  external_error: string | null;
  idempotency_key: string | null;
  idempotency_request_hash: string | null;
};

type CommentRow = {
  id: number | string;
  task_id: string;
  author: string;
  body: string;
  created_at: Date | string;
};

export interface NewTask {
  entityRef: string;
  target: string;
  title: string;
  description: string;
  assignee?: string;
  dueDate?: string;
  createdBy: string;
  /**
   * Scoped by the caller: a repeated request returns the first task; the
   * same key with another `requestHash` is refused.
   */
  idempotencyKey?: string;
  /** Identifies the request the key was sent with (a hash of its body). */
  requestHash?: string;
}

/** Keys of any length stored in a fixed width: their SHA-256. */
function keyDigest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/**
 * Migration tasks. Creation is idempotent per key, and an entity has at most
 * one active task per target; updates use optimistic concurrency (the
 * version the client read must still be current).
 */
export class TaskRepository {
  readonly #knex: Knex;

  constructor(knex: Knex) {
    this.#knex = knex;
  }

  /**
   * Creates the task, unless the same key created one earlier or the entity
   * already has an active task for the target: then that task comes back
   * with `created: false`. The database decides (a unique key and a partial
   * unique index on active tasks), so concurrent requests on any number of
   * replicas file one task.
   */
  async create(
    task: NewTask,
    tx: Knex | Knex.Transaction = this.#knex,
  ): Promise<{ task: MigrationTask; created: boolean }> {
    const key = task.idempotencyKey && keyDigest(task.idempotencyKey);
    if (key) {
      const existing = await this.#byIdempotencyKey(key, task, tx);
      if (existing) return { task: existing, created: false };
    }
    const now = new Date();
    const row: TaskRow = {
      id: randomUUID(),
      entity_ref: task.entityRef,
      target: task.target,
      title: task.title,
      description: task.description,
      status: 'open',
      assignee: task.assignee ?? null,
      due_date: task.dueDate ?? null,
      version: 1,
      created_by: task.createdBy,
      created_at: now,
      updated_at: now,
      resolution: null,
      external_url: null,
      external_error: null,
      idempotency_key: key ?? null,
      idempotency_request_hash: (key && task.requestHash) || null,
    };
    // ON CONFLICT DO NOTHING rather than catching the error: on PostgreSQL a
    // failed insert would abort the surrounding (bulk) transaction.
    const inserted = await tx('mesh_tasks')
      .insert(row)
      .onConflict()
      .ignore()
      .returning('id');
    if (inserted.length > 0) return { task: toTask(row, []), created: true };

    const existing =
      (key && (await this.#byIdempotencyKey(key, task, tx))) ||
      (await this.#activeTask(task.entityRef, task.target, tx));
    if (!existing) {
      throw new ConflictError(
        `Task for ${task.entityRef} and ${task.target} was not filed: a concurrent change conflicted with it; try again`,
      );
    }
    return { task: existing, created: false };
  }

  async get(id: string): Promise<MigrationTask | undefined> {
    const row: TaskRow | undefined = await this.#knex('mesh_tasks')
      .where({ id })
      .first();
    if (!row) return undefined;
    const comments: CommentRow[] = await this.#knex('mesh_task_comments')
      .where({ task_id: id })
      .orderBy('id');
    return toTask(row, comments);
  }

  async list(
    query: MigrationTaskQuery,
    visibleRefs?: ReadonlySet<string>,
  ): Promise<{ items: MigrationTask[]; totalCount: number }> {
    const filtered = () => {
      const builder = this.#knex('mesh_tasks');
      if (query.entityRef) builder.where({ entity_ref: query.entityRef });
      if (query.assignee?.length) builder.whereIn('assignee', query.assignee);
      if (query.status?.length) builder.whereIn('status', query.status);
      if (query.target) builder.where({ target: query.target });
      if (visibleRefs) builder.whereIn('entity_ref', [...visibleRefs]);
      return builder;
    };
    const [{ count }] = await filtered().count({ count: '*' });
    const rows: TaskRow[] = await filtered()
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .offset(query.offset ?? 0)
      .limit(query.limit ?? 50);
    return {
      items: rows.map(row => toTask(row, [])),
      totalCount: toCount(count),
    };
  }

  /** Active tasks for these entities and target: used to skip duplicates. */
  async activeTasksFor(
    entityRefs: string[],
    target: string,
    tx: Knex | Knex.Transaction = this.#knex,
  ): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    for (const batch of chunks(entityRefs)) {
      const rows: { id: string; entity_ref: string }[] = await tx('mesh_tasks')
        .select('id', 'entity_ref')
        .whereIn('entity_ref', batch)
        .where({ target })
        .whereIn('status', ACTIVE_TASK_STATUSES as MigrationTaskStatus[]);
      rows.forEach(row => result.set(row.entity_ref, row.id));
    }
    return result;
  }

  /**
   * Applies the changes if `version` is still the task's version; otherwise
   * a ConflictError (409) and nothing is written.
   */
  async update(
    id: string,
    changes: UpdateMigrationTaskRequest,
  ): Promise<MigrationTask> {
    const patch: Partial<TaskRow> = { updated_at: new Date() };
    if (changes.status !== undefined) patch.status = changes.status;
    if (changes.title !== undefined) patch.title = changes.title;
    if (changes.description !== undefined)
      patch.description = changes.description;
    if (changes.assignee !== undefined) patch.assignee = changes.assignee;
    if (changes.dueDate !== undefined) patch.due_date = changes.dueDate;
    if (changes.note !== undefined) patch.resolution = changes.note;
    let updated: number;
    try {
      updated = await this.#knex('mesh_tasks')
        .where({ id, version: changes.version })
        .update({ ...patch, version: changes.version + 1 });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const current = await this.get(id);
      const other =
        current &&
        (await this.#activeTask(current.entityRef, current.target, this.#knex));
      throw new ConflictError(
        `Task ${id} cannot become ${changes.status}: ${
          other ? `task ${other.id}` : 'another task'
        } is already active for ${current?.entityRef ?? 'this entity'} and ${
          current?.target ?? 'this target'
        }`,
      );
    }
    if (updated === 0) {
      const current = await this.get(id);
      if (!current) throw new NotFoundError(`Task ${id} does not exist`);
      throw new ConflictError(
        `Task ${id} changed since you read it (your version ${changes.version}, current ${current.version}); reload it and try again`,
      );
    }
    return (await this.get(id))!;
  }

  async addComment(
    id: string,
    comment: { author: string; body: string },
  ): Promise<MigrationTask> {
    const exists = await this.#knex('mesh_tasks').where({ id }).first('id');
    if (!exists) throw new NotFoundError(`Task ${id} does not exist`);
    await this.#knex('mesh_task_comments').insert({
      task_id: id,
      author: comment.author,
      body: comment.body,
      created_at: new Date(),
    });
    return (await this.get(id))!;
  }

  /** Records what the external sink (a GitHub issue) did with the task. */
  async setExternal(
    id: string,
    external: { url?: string; error?: string },
  ): Promise<void> {
    await this.#knex('mesh_tasks')
      .where({ id })
      .update({
        external_url: external.url ?? null,
        external_error: external.error ?? null,
      });
  }

  /** Every active task, in short form: the scanner checks them once per scan. */
  async listActive(): Promise<
    { id: string; entityRef: string; target: string; version: number }[]
  > {
    const rows: {
      id: string;
      entity_ref: string;
      target: string;
      version: number;
    }[] = await this.#knex('mesh_tasks')
      .select('id', 'entity_ref', 'target', 'version')
      .whereIn('status', ACTIVE_TASK_STATUSES as MigrationTaskStatus[]);
    return rows.map(row => ({
      id: row.id,
      entityRef: row.entity_ref,
      target: row.target,
      version: row.version,
    }));
  }

  /**
   * Marks a task done with a note, unless someone changed it meanwhile (then
   * it is left for the next scan). Returns whether it was closed.
   */
  async markDone(
    task: { id: string; version: number },
    note: string,
  ): Promise<boolean> {
    const updated = await this.#knex('mesh_tasks')
      .where({ id: task.id, version: task.version })
      .update({
        status: 'done',
        resolution: note,
        version: task.version + 1,
        updated_at: new Date(),
      });
    return updated > 0;
  }

  async #activeTask(
    entityRef: string,
    target: string,
    tx: Knex | Knex.Transaction,
  ): Promise<MigrationTask | undefined> {
    const row: TaskRow | undefined = await tx('mesh_tasks')
      .where({ entity_ref: entityRef, target })
      .whereIn('status', ACTIVE_TASK_STATUSES as MigrationTaskStatus[])
      .first();
    return row ? toTask(row, []) : undefined;
  }

  /**
   * The task created with this key, when the request matches the one that
   * created it (tasks filed before requests were hashed match any).
   */
  async #byIdempotencyKey(
    key: string,
    request: NewTask,
    tx: Knex | Knex.Transaction,
  ): Promise<MigrationTask | undefined> {
    const row: TaskRow | undefined = await tx('mesh_tasks')
      .where({ idempotency_key: key })
      .first();
    if (!row) return undefined;
    if (
      row.idempotency_request_hash &&
      request.requestHash &&
      row.idempotency_request_hash !== request.requestHash
    ) {
      throw new IdempotencyKeyReusedError(
        `Idempotency-Key was already used for another request (task ${row.id}); send a new key for a new request`,
      );
    }
    return toTask(row, []);
  }
}

function toTask(row: TaskRow, comments: CommentRow[]): MigrationTask {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    // Written only through the API, which accepts task targets only.
    target: row.target as TaskTarget,
    title: row.title,
    description: row.description,
    status: row.status as MigrationTaskStatus,
    ...(row.assignee ? { assignee: row.assignee } : {}),
    ...(row.due_date ? { dueDate: row.due_date } : {}),
    version: row.version,
    createdBy: row.created_by,
    createdAt: toIso(row.created_at)!,
    updatedAt: toIso(row.updated_at)!,
    ...(row.resolution ? { resolution: row.resolution } : {}),
    ...(row.external_url ? { externalUrl: row.external_url } : {}),
    ...(row.external_error ? { externalError: row.external_error } : {}),
    comments: comments.map(
      (c): MigrationTaskComment => ({
        id: String(c.id),
        author: c.author,
        body: c.body,
        createdAt: toIso(c.created_at)!,
      }),
    ),
  };
}
