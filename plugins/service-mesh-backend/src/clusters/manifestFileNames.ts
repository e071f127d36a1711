/** The files a manifest source reads: YAML, JSON, and `.template` of either. */
const MANIFEST_FILE = /\.(ya?ml|json)(\.template)?$/i;

/** For messages: the file names a manifest source reads. */
export const MANIFEST_FILE_KINDS = '*.yaml, *.yml, *.json';

export function isManifestFileName(name: string): boolean {
  return MANIFEST_FILE.test(name);
}

/**
 * A manifest file of a repository tree (`k8s/shop/app.yaml`), outside hidden
 * directories (`.github/`), as a directory source walks it.
 */
export function isManifestPath(path: string): boolean {
  const segments = path.split('/');
  return (
    segments.every(segment => !segment.startsWith('.')) &&
    isManifestFileName(segments[segments.length - 1])
  );
}
