import {
  asRecord,
  asRecords,
  asString,
  asStringArray,
  asStringMap,
} from '../model/access';

export type LabelRequirementOperator =
  | 'In'
  | 'NotIn'
  | 'Exists'
  | 'DoesNotExist';

export interface LabelRequirement {
  key: string;
  operator: LabelRequirementOperator;
  /** Empty for `Exists` and `DoesNotExist`. */
  values: string[];
}

/**
 * A parsed selector: every requirement must hold (logical AND). No
 * requirements means "everything", as in Kubernetes.
 */
export interface LabelSelector {
  requirements: LabelRequirement[];
}

/** The Kubernetes API form of a selector (`spec.selector` of workloads). */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{
    key: string;
    operator: string;
    values?: string[];
  }>;
}

export class LabelSelectorSyntaxError extends Error {
  constructor(selector: string, reason: string) {
    super(`Invalid label selector "${selector}": ${reason}`);
    this.name = 'LabelSelectorSyntaxError';
  }
}

const SET_PATTERN = /^([^\s!=,()]+)\s+(in|notin)\s*\(([^)]*)\)$/i;
const EQUALITY_PATTERN = /^([^\s!=,()]+)\s*(==|=|!=)\s*([^\s!=,()]*)$/;
const EXISTS_PATTERN = /^(!?)\s*([^\s!=,()]+)$/;

/**
 * Parses the string form of a selector, as used by `kubectl -l` and by
 * Backstage's `backstage.io/kubernetes-label-selector` annotation:
 * `a=b,c!=d,e in (x,y),f notin (z),g,!h`. Throws `LabelSelectorSyntaxError`.
 */
export function parseLabelSelector(text: string): LabelSelector {
  const requirements: LabelRequirement[] = [];
  for (const term of splitTerms(text)) {
    requirements.push(parseTerm(term, text));
  }
  return { requirements };
}

/** Splits on commas that are not inside a `( ... )` value set. */
function splitTerms(text: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    if (char === ')') depth -= 1;
    if (char === ',' && depth === 0) {
      terms.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  terms.push(current);
  const trimmed = terms.map(term => term.trim());
  // "" is the empty selector; "a=b," has an empty term, which kubectl rejects.
  if (trimmed.length === 1 && trimmed[0] === '') return [];
  return trimmed;
}

function parseTerm(term: string, whole: string): LabelRequirement {
  if (term === '') throw new LabelSelectorSyntaxError(whole, 'empty term');
  const set = SET_PATTERN.exec(term);
  if (set) {
    const values = set[3]
      .split(',')
      .map(value => value.trim())
      .filter(value => value !== '');
    if (values.length === 0) {
      throw new LabelSelectorSyntaxError(whole, `"${term}" has no values`);
    }
    const operator = set[2].toLowerCase() === 'in' ? 'In' : 'NotIn';
    return { key: set[1], operator, values };
  }
  const equality = EQUALITY_PATTERN.exec(term);
  if (equality) {
    const operator = equality[2] === '!=' ? 'NotIn' : 'In';
    return { key: equality[1], operator, values: [equality[3]] };
  }
  const exists = EXISTS_PATTERN.exec(term);
  if (exists) {
    return {
      key: exists[2],
      operator: exists[1] ? 'DoesNotExist' : 'Exists',
      values: [],
    };
  }
  throw new LabelSelectorSyntaxError(whole, `cannot parse "${term}"`);
}

/**
 * Converts `matchLabels`/`matchExpressions` (as found in manifests, so
 * untrusted) into a `LabelSelector`. Unknown operators make the selector
 * match nothing, which is how the API server would treat an invalid one
 * (it rejects it).
 */
export function labelSelectorFromObject(value: unknown): LabelSelector {
  const record = asRecord(value);
  const requirements: LabelRequirement[] = [];
  if (!record) return { requirements };
  for (const [key, labelValue] of Object.entries(
    asStringMap(record.matchLabels),
  )) {
    requirements.push({ key, operator: 'In', values: [labelValue] });
  }
  for (const expression of asRecords(record.matchExpressions)) {
    const key = asString(expression.key) ?? '';
    const operator = asString(expression.operator);
    const values = asStringArray(expression.values);
    if (operator === 'In' || operator === 'NotIn') {
      requirements.push({ key, operator, values });
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      requirements.push({ key, operator, values: [] });
    } else {
      requirements.push({ key, operator: 'In', values: [] });
    }
  }
  return { requirements };
}

/** A Service-style selector: a plain map where every pair must match. */
export function labelSelectorFromMap(
  map: Record<string, string>,
): LabelSelector {
  return {
    requirements: Object.entries(map).map(([key, value]) => ({
      key,
      operator: 'In' as const,
      values: [value],
    })),
  };
}

export function matchesLabelSelector(
  selector: LabelSelector,
  labels: Record<string, string> | undefined,
): boolean {
  const actual = labels ?? {};
  return selector.requirements.every(requirement =>
    matchesRequirement(requirement, actual),
  );
}

function matchesRequirement(
  { key, operator, values }: LabelRequirement,
  labels: Record<string, string>,
): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, key);
  switch (operator) {
    case 'In':
      return has && values.includes(labels[key]);
    case 'NotIn':
      // As in Kubernetes, `!=` and `notin` also match objects without the key.
      return !has || !values.includes(labels[key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    default:
      return false;
  }
}

/** True when every pair of `subset` is present in `labels` (Service selection). */
export function isLabelSubset(
  subset: Record<string, string>,
  labels: Record<string, string> | undefined,
): boolean {
  const actual = labels ?? {};
  return Object.entries(subset).every(
    ([key, value]) =>
      Object.prototype.hasOwnProperty.call(actual, key) &&
      actual[key] === value,
  );
}

export function formatLabelSelector(selector: LabelSelector): string {
  return selector.requirements
    .map(({ key, operator, values }) => {
      switch (operator) {
        case 'In':
          return values.length === 1
            ? `${key}=${values[0]}`
            : `${key} in (${values.join(',')})`;
        case 'NotIn':
          return values.length === 1
            ? `${key}!=${values[0]}`
            : `${key} notin (${values.join(',')})`;
        case 'Exists':
          return key;
        default:
          return `!${key}`;
      }
    })
    .join(',');
}
