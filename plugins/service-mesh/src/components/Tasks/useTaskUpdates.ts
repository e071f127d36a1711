import { useApi } from '@backstage/core-plugin-api';
import {
  MigrationTask,
  MigrationTaskStatus,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { useCallback, useState } from 'react';
import { serviceMeshApiRef } from '../../api';
import { errorMessage, isConflictError, TASK_STATUS_LABELS } from './taskModel';

export interface TaskNotice {
  severity: 'success' | 'warning' | 'error';
  message: string;
}

export interface TaskUpdates {
  /** The newest copy of a listed task: the one a change answered, if newer. */
  current: (task: MigrationTask) => MigrationTask;
  /** PATCHes the status with the version last read; a 409 reloads the list. */
  changeStatus: (
    task: MigrationTask,
    status: MigrationTaskStatus,
  ) => Promise<void>;
  /** Keeps a task the API answered with (after a comment, say). */
  remember: (task: MigrationTask) => void;
  /** The id of the task whose change is under way. */
  pendingId?: string;
  notice?: TaskNotice;
  dismissNotice: () => void;
}

/**
 * Status changes of listed tasks. Each PATCH sends the version the list
 * read; when someone else changed the task meanwhile the backend answers 409
 * and nothing is written: the list is reloaded and the user told so.
 */
export function useTaskUpdates(reload: () => void): TaskUpdates {
  const api = useApi(serviceMeshApiRef);
  const [updated, setUpdated] = useState<Record<string, MigrationTask>>({});
  const [pendingId, setPendingId] = useState<string>();
  const [notice, setNotice] = useState<TaskNotice>();

  const current = useCallback(
    (task: MigrationTask) => {
      const newer = updated[task.id];
      return newer && newer.version >= task.version ? newer : task;
    },
    [updated],
  );

  const remember = useCallback(
    (task: MigrationTask) =>
      setUpdated(previous => ({ ...previous, [task.id]: task })),
    [],
  );

  const changeStatus = useCallback(
    async (listed: MigrationTask, status: MigrationTaskStatus) => {
      const task = current(listed);
      if (task.status === status) return;
      setPendingId(task.id);
      setNotice(undefined);
      try {
        const saved = await api.updateTask(task.id, {
          version: task.version,
          status,
        });
        remember(saved);
        setNotice({
          severity: 'success',
          message: `"${saved.title}" is now ${
            TASK_STATUS_LABELS[saved.status]
          }.`,
        });
      } catch (error) {
        if (isConflictError(error)) {
          setUpdated(previous => {
            const { [task.id]: _dropped, ...rest } = previous;
            return rest;
          });
          setNotice({
            severity: 'warning',
            message: `"${task.title}" changed since you loaded it, so your change was not saved. The tasks were reloaded: check its current status and change it again if needed.`,
          });
          reload();
        } else {
          setNotice({
            severity: 'error',
            message: `Could not change the status of "${
              task.title
            }": ${errorMessage(error)}`,
          });
        }
      } finally {
        setPendingId(undefined);
      }
    },
    [api, current, remember, reload],
  );

  return {
    current,
    changeStatus,
    remember,
    pendingId,
    notice,
    dismissNotice: () => setNotice(undefined),
  };
}
