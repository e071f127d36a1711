import {
  coreServices,
  createServiceFactory,
  LoggerService,
  RootLoggerService,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';

/** One line the backend logged: its message and every field on it. */
export interface LogRecord {
  level: 'error' | 'warn' | 'info' | 'debug';
  message: string;
  fields: JsonObject & { error?: string };
}

/**
 * A root logger that keeps what the backend logs, child fields included, so
 * a test reads what an operator's log pipeline would receive (for example
 * the real auditor's events, which it writes to the plugin's logger).
 */
class RecordingLogger implements RootLoggerService {
  constructor(
    private readonly records: LogRecord[],
    private readonly fields: JsonObject = {},
  ) {}

  child(meta: JsonObject): LoggerService {
    return new RecordingLogger(this.records, { ...this.fields, ...meta });
  }

  error(message: string, meta?: Error | JsonObject) {
    this.#record('error', message, meta);
  }
  warn(message: string, meta?: Error | JsonObject) {
    this.#record('warn', message, meta);
  }
  info(message: string, meta?: Error | JsonObject) {
    this.#record('info', message, meta);
  }
  debug(message: string, meta?: Error | JsonObject) {
    this.#record('debug', message, meta);
  }

  #record(
    level: LogRecord['level'],
    message: string,
    meta?: Error | JsonObject,
  ) {
    const extra =
      meta instanceof Error ? { error: meta.message } : (meta as JsonObject);
    this.records.push({ level, message, fields: { ...this.fields, ...extra } });
  }
}

/** The root logger factory for `startTestBackend`, and what it recorded. */
export function recordingRootLogger() {
  const records: LogRecord[] = [];
  const factory = createServiceFactory({
    service: coreServices.rootLogger,
    deps: {},
    factory: () => new RecordingLogger(records),
  });
  return { factory, records };
}
