/* eslint-disable jest/no-export -- shared test helpers, not a test file */
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';

export interface LogRecord {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  error?: string;
}

/** A logger for every plugin that keeps what they log, for assertions. */
export function recordingLogger() {
  const records: LogRecord[] = [];
  const logger = (): LoggerService => {
    const log =
      (level: LogRecord['level']) => (message: string, meta?: unknown) =>
        records.push({
          level,
          message,
          ...(meta instanceof Error ? { error: meta.message } : {}),
        });
    return {
      child: () => logger(),
      error: log('error'),
      warn: log('warn'),
      info: log('info'),
      debug: log('debug'),
    };
  };
  const factory = createServiceFactory({
    service: coreServices.logger,
    deps: {},
    factory: () => logger(),
  });
  return { records, factory };
}
