import {
  ManifestFileSystem,
  ManifestReadLimits,
  readManifestTree,
} from '@meshwise/mesh-engine';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { isManifestFileName } from './manifestFileNames';
import { manifestSnapshot } from './manifestSnapshot';
import { ClusterReadError, ClusterSnapshot, ClusterSource } from './types';

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
        isManifestFile: isManifestFileName,
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
    return manifestSnapshot(this.name, tree);
  }
}
