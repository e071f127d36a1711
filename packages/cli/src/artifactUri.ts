import { isAbsolute, join, posix, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The base a relative artifact URI is resolved against: where the command was run. */
export const SOURCE_ROOT = '%SRCROOT%';

export interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/**
 * The SARIF location of a manifest file: `directory` as the user gave it
 * joined with the file's path under it, with forward slashes. GitHub code
 * scanning matches a result to a file of the repository by a path relative
 * to its root, so a relative `directory` (the usual `manifests/` run from the
 * checkout) stays relative, based on `%SRCROOT%`; an absolute one becomes a
 * `file://` URI.
 */
export function artifactLocation(
  directory: string,
  file: string,
): ArtifactLocation {
  if (isAbsolute(directory)) {
    return { uri: pathToFileURL(join(directory, file)).href };
  }
  const path = posix.normalize(
    posix.join(toForwardSlashes(directory), toForwardSlashes(file)),
  );
  return {
    uri: path.split('/').map(encodeURIComponent).join('/'),
    uriBaseId: SOURCE_ROOT,
  };
}

/** `%SRCROOT%` as an absolute URI (a directory: it ends with a slash). */
export function sourceRootUri(baseDirectory: string): string {
  const href = pathToFileURL(baseDirectory).href;
  return href.endsWith('/') ? href : `${href}/`;
}

function toForwardSlashes(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}
