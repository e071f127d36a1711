import { parseManifests } from '@meshwise/backstage-plugin-service-mesh-common';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  ClusterProblem,
  ClusterReadError,
  ClusterSnapshot,
  ClusterSource,
} from './types';

const MANIFEST_FILE = /\.(ya?ml|json)(\.template)?$/i;

/**
 * A directory of manifests (a GitOps repository, the demo's examples) read as
 * one cluster's state. Malformed documents are reported as warnings with file
 * and document index; the rest of the directory is still used. An object
 * defined in several files is merged field by field; where two files give a
 * field different values, the file later in path order wins, with a warning.
 */
export class ManifestDirectorySource implements ClusterSource {
  readonly type = 'manifests';
  readonly name: string;
  readonly #directory: string;

  constructor(options: { name: string; directory: string }) {
    this.name = options.name;
    this.#directory = options.directory;
  }

  async read(): Promise<ClusterSnapshot> {
    let paths: string[];
    try {
      paths = await listManifestFiles(this.#directory);
    } catch (error) {
      throw new ClusterReadError({
        reason: 'configuration',
        message: `Manifest source ${this.name}: cannot read directory ${
          this.#directory
        }: ${(error as Error).message}`,
      });
    }
    const files = await Promise.all(
      paths.map(async path => ({
        path: relative(this.#directory, path),
        content: await readFile(path, 'utf8'),
      })),
    );
    // parseManifests merges an object defined in several files (the same
    // rule as the CLI's) and reports the fields they disagree on.
    const { objects, findings } = parseManifests(files);
    const warnings: ClusterProblem[] = findings.map(finding =>
      finding.conflict
        ? { reason: 'conflicting-manifests', message: finding.message }
        : {
            reason: 'invalid-manifest',
            message: `${finding.file} document ${finding.documentIndex}: ${finding.message}`,
          },
    );
    return {
      cluster: this.name,
      objects,
      readAt: new Date(),
      warnings,
      stats: {
        listCalls: 0,
        bytes: files.reduce((sum, f) => sum + Buffer.byteLength(f.content), 0),
      },
    };
  }
}

async function listManifestFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter(entry => !entry.name.startsWith('.'))
      .map(async entry => {
        const path = join(directory, entry.name);
        if (entry.isDirectory()) return listManifestFiles(path);
        return entry.isFile() && MANIFEST_FILE.test(entry.name) ? [path] : [];
      }),
  );
  return nested.flat().sort();
}
