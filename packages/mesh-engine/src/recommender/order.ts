/** Code-unit order: unlike localeCompare it is the same on every machine. */
export function compareCodeUnits(a: string, b: string): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}

/** -1, 0 or 1 as `ours` is lower than, equal to or higher than `theirs`. */
export function sign(value: number): -1 | 0 | 1 {
  if (value < 0) return -1;
  if (value > 0) return 1;
  return 0;
}
