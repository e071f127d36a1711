import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { HistoryRepository } from '../database/HistoryRepository';

export const BACKFILL_HISTORY_DAYS_KEY = 'serviceMesh.demo.backfillHistoryDays';

/** Up to the longest range the trend card offers (a year). */
const MAX_DAYS = 365;

/**
 * The days of demo history to back-fill: 0 (off) unless configured. A value
 * that is not a whole number of days from 0 to 365 stops the start with an
 * error naming the key.
 */
export function readBackfillHistoryDays(config: Config): number {
  const days = config.getOptionalNumber(BACKFILL_HISTORY_DAYS_KEY) ?? 0;
  if (!Number.isInteger(days) || days < 0 || days > MAX_DAYS) {
    throw new Error(
      `${BACKFILL_HISTORY_DAYS_KEY}: expected a whole number of days from 0 to ${MAX_DAYS}, got ${days}`,
    );
  }
  return days;
}

/**
 * Demo only: what to run after each scheduled scan so a fresh demo shows a
 * trend, or undefined when the option is off (the default). A failure is
 * logged, never a failed scan.
 */
export function demoHistoryBackfill(options: {
  config: Config;
  history: HistoryRepository;
  logger: LoggerService;
}): (() => Promise<void>) | undefined {
  const days = readBackfillHistoryDays(options.config);
  if (days === 0) return undefined;
  const { history, logger } = options;
  logger.warn(
    `${BACKFILL_HISTORY_DAYS_KEY} is ${days}: the adoption trend will include generated demo days; do not use this outside a demo`,
  );
  return async () => {
    try {
      const written = await history.backfillDemo(days);
      if (written > 0) {
        logger.info(`Wrote ${written} days of demo history`);
      }
    } catch (error) {
      logger.warn(`Could not write demo history: ${(error as Error).message}`);
    }
  };
}
