import {
  createManifestParser,
  ManifestFileSystem,
  ManifestReadLimits,
  readManifestTree,
} from '@meshwise/mesh-engine';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  ClusterProblem,
  ClusterReadError,
  ClusterSnapshot,
  ClusterSource,
} from './types';

const MANIFEST_FILE = /\.(ya?ml|json)(\.template)?$/i;

const nodeFileSystem: ManifestFileSystem = {
  readdir: directory => readdir(directory, { withFileTypes: true }),
  stat,
  readFile: path => readFile(path, 'utf8'),
  join,
  relative,
};

/**
 * A directory of manifests (a GitOps repository, the demo's examples) read as
 * one cluster's state. Malformed documents are reported as warnings with file
 * and document index; the rest of the directory is still used. An object
 * defined in several files is merged field by field; where two files give a
 * field different values, the file later in path order wins, with a warning.
 *
 * Reading is bounded (the limits of `readManifestTree`, from config): files
 * over a limit are skipped with a warning, a few files are open at a time,
 * and the backend keeps answering while a large directory is read.
 */
export class ManifestDirectorySource implements ClusterSource {
  readonly type = 'manifests';
  readonly name: string;
  readonly #directory: string;
  readonly #limits: Partial<ManifestReadLimits>;

  constructor(options: {
    name: string;
    directory: string;
    limits?: Partial<ManifestReadLimits>;
  }) {
    this.name = options.name;
    this.#directory = options.directory;
    this.#limits = options.limits ?? {};
  }

  async read(): Promise<ClusterSnapshot> {
    let tree;
    try {
      tree = await readManifestTree(this.#directory, nodeFileSystem, {
        isManifestFile: name => MANIFEST_FILE.test(name),
        limits: this.#limits,
      });
    } catch (error) {
      throw new ClusterReadError({
        reason: 'configuration',
        message: `Manifest source ${this.name}: cannot read directory ${
          this.#directory
        }: ${(error as Error).message}`,
      });
    }
    // parseManifests' rules (the CLI's): an object defined in several files
    // is merged and the fields they disagree on reported. One file at a
    // time, yielding in between, so `/health` answers during a big read.
    // After every file: a request needs several turns of the event loop
    // (accept, read, database, answer), so rare long yields would still
    // hold it for tens of milliseconds per turn.
    const parser = createManifestParser();
    for (const file of tree.files) {
      parser.add(file);
      await new Promise(resolve => setImmediate(resolve));
    }
    const { objects, findings } = parser.finish();
    const warnings: ClusterProblem[] = [
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
      cluster: this.name,
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
}
