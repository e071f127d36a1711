import { ScorecardRow } from '@meshwise/backstage-plugin-service-mesh-common';

/** The columns of the export: human headers, machine-readable values. */
export const SCORECARD_CSV_COLUMNS: ReadonlyArray<{
  header: string;
  value: (row: ScorecardRow) => string | number | null | undefined;
}> = [
  { header: 'Entity', value: row => row.entityRef },
  { header: 'Name', value: row => row.name },
  { header: 'Title', value: row => row.title },
  { header: 'Owner', value: row => row.owner },
  { header: 'System', value: row => row.system },
  { header: 'Mesh', value: row => row.mesh ?? 'none' },
  { header: 'Stage', value: row => row.stage },
  { header: 'Readiness score', value: row => row.score },
  { header: 'Blocking findings', value: row => row.blockingCount },
  { header: 'Last assessed', value: row => row.assessedAt },
];

/**
 * What a spreadsheet may run as a formula or DDE command at the start of a
 * cell: `=`, `+`, `-`, `@`, `|` and their full-width forms (U+FF1D, U+FF0B,
 * U+FF0D, U+FF20, U+FF5C, which spreadsheets may fold to ASCII), also after
 * leading whitespace, which spreadsheets skip; and tab, CR or LF first.
 */
const FORMULA_START = /^(?:[\t\r\n]|\s*[=+\-@|\uff1d\uff0b\uff0d\uff20\uff5c])/;

/**
 * Cells that could start a formula get a leading `'`, so a catalog title
 * cannot inject one (OWASP, CSV Injection:
 * https://owasp.org/www-community/attacks/CSV_Injection). Numbers are left
 * alone.
 */
function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field per RFC 4180: quoted when it holds a comma, quote, CR or LF. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : neutralise(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The scorecard rows as RFC 4180 CSV: a header line, CRLF line breaks. */
export function scorecardCsv(rows: readonly ScorecardRow[]): string {
  const lines = [
    SCORECARD_CSV_COLUMNS.map(column => csvField(column.header)).join(','),
    ...rows.map(row =>
      SCORECARD_CSV_COLUMNS.map(column => csvField(column.value(row))).join(
        ',',
      ),
    ),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
