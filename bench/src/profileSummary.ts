/**
 * Summarises a `.cpuprofile` (from `--profile`): self time by function and
 * by file, then time by function with its callees, the hottest first.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/src/profileSummary.ts <file> [top]
 *
 * With `--stalls`, the longest the event loop was blocked while the
 * profile was recorded (what a request to the same backend waited behind),
 * each with what ran meanwhile.
 *
 *   node ... bench/src/profileSummary.ts <file> --stalls [count]
 */
import fs from 'node:fs';

interface Profile {
  /** Microseconds of the monotonic clock. */
  startTime: number;
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export function summarise(file: string, top = 25): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)),
  );
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  const keyOf = (id: number) => {
    const node = byId.get(id)!;
    const short = node.callFrame.url.replace(
      /^.*\/(node_modules|work\/main)\//,
      '',
    );
    return { key: frameName(node), fileKey: short || '(native)' };
  };
  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  // Time in a function and everything it called, each function counted
  // once per stack (recursion).
  const inclusive = new Map<string, number>();
  for (const [id, us] of self) {
    const { key, fileKey } = keyOf(id);
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byFile.set(fileKey, (byFile.get(fileKey) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; ) {
      const stackKey = keyOf(at).key;
      if (!seen.has(stackKey)) {
        seen.add(stackKey);
        inclusive.set(stackKey, (inclusive.get(stackKey) ?? 0) + us);
      }
      at = parentOf.get(at);
    }
  }
  const lines = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([k, us]) =>
          `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000)
            .toFixed(0)
            .padStart(7)} ms  ${k}`,
      )
      .join('\n');
  return `total ${(total / 1000).toFixed(0)} ms\n\nby function\n${lines(
    byFunction,
  )}\n\nby file\n${lines(byFile)}\n\nby function, with its callees\n${lines(
    inclusive,
  )}`;
}

/** A function's name and where it is, its path from the package or repo. */
function frameName(node: Node): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const short = url.replace(/^.*\/(node_modules|work\/main)\//, '');
  return `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
}

/**
 * What ran while the event loop was blocked: the `count` longest windows
 * recorded beside the profile (`<file>.stalls.json`, from the bench's
 * backend), each with the functions sampled in it, by time with their
 * callees.
 */
export function stalls(file: string, count = 5, top = 14): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const windows = JSON.parse(
    fs.readFileSync(`${file}.stalls.json`, 'utf8'),
  ) as { startUs: number; endUs: number }[];
  const byId = new Map(profile.nodes.map(n => [n.id, n]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parentOf.set(child, node.id);
  }
  const sampledAt: number[] = [];
  let at = profile.startTime;
  for (const delta of profile.timeDeltas) sampledAt.push((at += delta));
  return [...windows]
    .sort((a, b) => b.endUs - b.startUs - (a.endUs - a.startUs))
    .slice(0, count)
    .map(window => {
      const inclusive = new Map<string, number>();
      profile.samples.forEach((id, i) => {
        if (sampledAt[i] < window.startUs || sampledAt[i] > window.endUs) {
          return;
        }
        const us = profile.timeDeltas[i + 1] ?? 0;
        const seen = new Set<string>();
        for (
          let node: number | undefined = id;
          node;
          node = parentOf.get(node)
        ) {
          const key = frameName(byId.get(node)!);
          if (seen.has(key)) continue;
          seen.add(key);
          inclusive.set(key, (inclusive.get(key) ?? 0) + us);
        }
      });
      const lines = [...inclusive]
        .filter(([key]) => !key.startsWith('(root)'))
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(
          ([key, us]) => `  ${(us / 1000).toFixed(0).padStart(6)} ms  ${key}`,
        );
      return `blocked ${((window.endUs - window.startUs) / 1000).toFixed(
        0,
      )} ms, ${((window.startUs - profile.startTime) / 1e6).toFixed(
        2,
      )} s into the profile\n${lines.join('\n')}`;
    })
    .join('\n\n');
}

if (require.main === module) {
  const [file, flag, count] = process.argv.slice(2);
  console.log(
    flag === '--stalls'
      ? stalls(file, Number(count ?? 5))
      : summarise(file, Number(flag ?? 25)),
  );
}
