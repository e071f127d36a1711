/** Splits `registry/repo/name:tag@sha256:...` into repository and tag. */
export function parseImage(image: string): {
  repository: string;
  tag?: string;
} {
  const withoutDigest = image.split('@')[0];
  const lastSlash = withoutDigest.lastIndexOf('/');
  const lastColon = withoutDigest.lastIndexOf(':');
  if (lastColon > lastSlash) {
    return {
      repository: withoutDigest.slice(0, lastColon),
      tag: withoutDigest.slice(lastColon + 1),
    };
  }
  return { repository: withoutDigest };
}

export function imageTag(image: string): string | undefined {
  return parseImage(image).tag;
}
