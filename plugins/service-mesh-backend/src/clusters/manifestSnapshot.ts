import { createManifestParser, ManifestTree } from '@meshwise/mesh-engine';
import { ClusterProblem, ClusterSnapshot } from './types';

/**
 * One cluster's state from the manifest files a source read, whatever it
 * read them from (a directory, a repository): parsed with the CLI's rules
 * (an object defined in several files is merged and the fields they
 * disagree on reported), and every skipped file and malformed document a
 * warning.
 */
export async function manifestSnapshot(
  cluster: string,
  tree: ManifestTree,
  extraWarnings: ClusterProblem[] = [],
): Promise<ClusterSnapshot> {
  // One file at a time, yielding in between, so `/health` answers during a
  // big read. After every file: a request needs several turns of the event
  // loop (accept, read, database, answer), so rare long yields would still
  // hold it for tens of milliseconds per turn.
  const parser = createManifestParser();
  for (const file of tree.files) {
    parser.add(file);
    await new Promise(resolve => setImmediate(resolve));
  }
  const { objects, findings } = parser.finish();
  const warnings: ClusterProblem[] = [
    ...extraWarnings,
    ...tree.skipped.map(
      (file): ClusterProblem => ({
        reason: 'manifest-limit',
        message: `${file.path}: ${file.message}`,
      }),
    ),
    ...findings.map(
      (finding): ClusterProblem =>
        finding.conflict
          ? { reason: 'conflicting-manifests', message: finding.message }
          : {
              reason: 'invalid-manifest',
              message: `${finding.file} document ${finding.documentIndex}: ${finding.message}`,
            },
    ),
  ];
  return {
    cluster,
    objects,
    readAt: new Date(),
    warnings,
    stats: {
      listCalls: 0,
      bytes: tree.files.reduce(
        (sum, f) => sum + Buffer.byteLength(f.content),
        0,
      ),
    },
  };
}
