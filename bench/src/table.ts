/** A plain text table: first row is the header, columns padded. */
export function formatTable(rows: (string | number)[][]): string {
  const text = rows.map(row => row.map(cell => String(cell)));
  const widths = text[0].map((_, c) =>
    Math.max(...text.map(row => (row[c] ?? '').length)),
  );
  const line = (row: string[]) =>
    row
      .map((cell, c) =>
        c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]),
      )
      .join('  ')
      .trimEnd();
  return [
    line(text[0]),
    widths.map(w => '-'.repeat(w)).join('  '),
    ...text.slice(1).map(line),
  ].join('\n');
}

export const fmt = {
  ms: (ms: number | undefined) =>
    ms === undefined
      ? '-'
      : ms >= 10_000
      ? `${(ms / 1000).toFixed(1)} s`
      : ms >= 1000
      ? `${(ms / 1000).toFixed(2)} s`
      : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`,
  mb: (mb: number | undefined) =>
    mb === undefined ? '-' : `${Math.round(mb)} MB`,
  bytes: (bytes: number | undefined) =>
    bytes === undefined ? '-' : `${(bytes / 1024 / 1024).toFixed(1)} MB`,
  int: (n: number | undefined) =>
    n === undefined ? '-' : Math.round(n).toLocaleString('en-US'),
  ratio: (r: number | undefined) =>
    r === undefined || !Number.isFinite(r)
      ? '-'
      : `${r.toFixed(r < 10 ? 2 : 1)}x`,
};
