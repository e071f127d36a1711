import {
  ScorecardQuery,
  ScorecardRow,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { ServiceMeshApi } from '../../api';
import { scorecardCsv } from './scorecardCsv';

export const EXPORT_PAGE_SIZE = 500;
/** A guard against a backend that never stops paging. */
export const EXPORT_MAX_ROWS = 100_000;

/** Every row of the current view: same filters and sort, all pages. */
export async function fetchAllScorecardRows(
  api: Pick<ServiceMeshApi, 'getScorecard'>,
  query: ScorecardQuery,
): Promise<ScorecardRow[]> {
  const { offset: _offset, limit: _limit, ...filters } = query;
  const rows: ScorecardRow[] = [];
  for (;;) {
    const page = await api.getScorecard({
      ...filters,
      offset: rows.length,
      limit: EXPORT_PAGE_SIZE,
    });
    rows.push(...page.items);
    if (
      page.items.length < EXPORT_PAGE_SIZE ||
      rows.length >= page.totalCount ||
      rows.length >= EXPORT_MAX_ROWS
    ) {
      return rows;
    }
  }
}

/** Offers `text` as a file download. */
export function downloadFile(
  filename: string,
  text: string,
  type = 'text/csv;charset=utf-8',
): void {
  // A BOM, so that spreadsheet programs read the file as UTF-8.
  const blob = new Blob(['\uFEFF', text], { type });
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  anchor.style.display = 'none';
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** Downloads the current view as `mesh-scorecard-<date>.csv`; resolves to the row count. */
export async function exportScorecardCsv(
  api: Pick<ServiceMeshApi, 'getScorecard'>,
  query: ScorecardQuery,
  now: Date = new Date(),
): Promise<number> {
  const rows = await fetchAllScorecardRows(api, query);
  downloadFile(
    `mesh-scorecard-${now.toISOString().slice(0, 10)}.csv`,
    scorecardCsv(rows),
  );
  return rows.length;
}
