import type { ZodIssue } from 'zod';

/** A problem found in knowledge-base data or config, located by key path. */
export interface KnowledgeBaseIssue {
  /** e.g. `serviceMesh.knowledgeBase.overrides[1].capability` */
  path: string;
  message: string;
}

/** `['overrides', 1, 'capability']` → `prefix.overrides[1].capability` */
export function formatIssuePath(
  prefix: string,
  path: ReadonlyArray<string | number>,
): string {
  return path.reduce<string>((acc, segment) => {
    if (typeof segment === 'number') return `${acc}[${segment}]`;
    return acc ? `${acc}.${segment}` : segment;
  }, prefix);
}

/** Turns zod issues into messages that name the offending key. */
export function issuesFromZod(
  prefix: string,
  zodIssues: readonly ZodIssue[],
): KnowledgeBaseIssue[] {
  return zodIssues.flatMap(issue => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map(key => ({
        path: formatIssuePath(prefix, [...issue.path, key]),
        message: `unknown key "${key}"`,
      }));
    }
    const path = formatIssuePath(prefix, issue.path);
    if (issue.code === 'invalid_type' && issue.received === 'undefined') {
      return [{ path, message: 'is required' }];
    }
    // Keep messages a schema customised (e.g. "unknown capability ...").
    if (
      issue.code === 'invalid_enum_value' &&
      issue.message.startsWith('Invalid enum value')
    ) {
      return [
        {
          path,
          message: `unknown value "${String(
            issue.received,
          )}"; expected one of ${issue.options.join(', ')}`,
        },
      ];
    }
    return [{ path, message: issue.message }];
  });
}

export function describeIssues(issues: readonly KnowledgeBaseIssue[]): string {
  return issues.map(issue => `  - ${issue.path}: ${issue.message}`).join('\n');
}
