/** Query parameters that may carry a credential (`?token=`, `?sig=`). */
const SECRET_PARAMETER =
  /^(.*token.*|.*secret.*|.*password.*|.*key|sig|signature|auth|code|credentials?)$/i;

/**
 * The text with credentials taken out of every URL in it (`user:pass@` and
 * secret-looking query parameters): messages of a failed read end up in
 * logs and in `/clusters`, and some servers echo the URL they were asked.
 */
export function redactUrls(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s'"<>]+/gi, match => {
    // A trailing comma or period belongs to the sentence, not the URL.
    const [, candidate, tail] = /^(.*?)([.,;:)]*)$/.exec(match)!;
    let url: URL;
    try {
      url = new URL(candidate);
    } catch {
      return match;
    }
    let changed = false;
    if (url.username || url.password) {
      url.username = '***';
      url.password = '';
      changed = true;
    }
    for (const name of [...url.searchParams.keys()]) {
      if (SECRET_PARAMETER.test(name)) {
        url.searchParams.set(name, '***');
        changed = true;
      }
    }
    // Unchanged URLs are left exactly as written.
    return changed ? `${url.href}${tail}` : match;
  });
}
