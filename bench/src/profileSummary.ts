/**
 * Summarises a `.cpuprofile` (from `--profile`): self time by function and
 * by file, then time by function with its callees, the hottest first.
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs bench/src/profileSummary.ts <file> [top]
 */
import fs from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export function summarise(file: string, top = 25): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    nodes: Node[];
    samples: number[];
    timeDeltas: number[];
  };
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
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const short = url.replace(/^.*\/(node_modules|work\/main)\//, '');
    return {
      key: `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`,
      fileKey: short || '(native)',
    };
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

if (require.main === module) {
  console.log(summarise(process.argv[2], Number(process.argv[3] ?? 25)));
}
