import { InputError, isError } from '@backstage/errors';
import express from 'express';

/** Where a request value sits, as the validator names it and as we say it. */
const PLACES = {
  body: 'request body',
  query: 'query',
  params: 'path',
  headers: 'header',
} as const;

type Place = keyof typeof PLACES;

/** The parts of an OpenAPI document this file reads. */
interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
}
interface Doc {
  paths: object;
  components: object;
}

/** `Invalid query: offset: must be <= 500`, the form every 400 of the API takes. */
export function invalidInput(
  place: Place,
  field: string | undefined,
  problem: string,
): InputError {
  return new InputError(
    `Invalid ${PLACES[place]}: ${field ? `${field}: ` : ''}${problem}`,
  );
}

function get(value: unknown, key: string): unknown {
  return value && typeof value === 'object'
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function resolve(doc: Doc, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let hops = 0; current?.$ref && hops < 10; hops++) {
    const path = current.$ref.replace(/^#\//, '').split('/');
    current = path.reduce<unknown>(get, doc) as Schema | undefined;
  }
  return current;
}

/** Calls `visit` on every object of the document. */
function walk(node: unknown, visit: (node: object) => void) {
  if (!node || typeof node !== 'object') return;
  visit(node);
  Object.values(node).forEach(child => walk(child, visit));
}

/** Header names as the spec spells them (`Idempotency-Key`), by lower case. */
function headerNames(doc: Doc): Map<string, string> {
  const names = new Map<string, string>();
  walk(doc, node => {
    const name = get(node, 'name');
    if (get(node, 'in') === 'header' && typeof name === 'string') {
      names.set(name.toLowerCase(), name);
    }
  });
  return names;
}

/** What a pattern means, as the spec says it (`x-pattern-message`), by pattern. */
function patternMessages(doc: Doc): Map<string, string> {
  const messages = new Map<string, string>();
  walk(doc, node => {
    const pattern = get(node, 'pattern');
    const message = get(node, 'x-pattern-message');
    if (typeof pattern === 'string' && typeof message === 'string') {
      messages.set(pattern, message);
    }
  });
  return messages;
}

/**
 * The body fields the spec does not have at `path` (the validator says only
 * that there are some): read from the operation the request matched.
 */
function unknownFields(
  doc: Doc,
  req: express.Request,
  path: string[],
): string[] {
  const route = get(get(req, 'openapi'), 'openApiRoute');
  if (typeof route !== 'string') return [];
  const operation = get(get(doc.paths, route), req.method.toLowerCase());
  let schema = resolve(
    doc,
    get(
      get(get(get(operation, 'requestBody'), 'content'), 'application/json'),
      'schema',
    ) as Schema | undefined,
  );
  let value: unknown = req.body;
  for (const segment of path) {
    const container = schema;
    schema = resolve(
      doc,
      Array.isArray(value)
        ? container?.items
        : container?.properties?.[segment],
    );
    value = get(value, segment);
  }
  if (!schema?.properties || !value || typeof value !== 'object') return [];
  return Object.keys(value).filter(key => !(key in schema!.properties!));
}

/** JSON pointer segments, unescaped. */
function segmentsOf(pointer: string): string[] {
  return pointer
    .split('/')
    .filter(Boolean)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface Wording {
  headers: Map<string, string>;
  patterns: Map<string, string>;
}

function describe(
  part: string,
  doc: Doc,
  wording: Wording,
  req: express.Request,
): string {
  const unknownParameter = /^Unknown query parameter '(.*)'$/.exec(part);
  if (unknownParameter) {
    return invalidInput(
      'query',
      unknownParameter[1],
      'not a parameter of the API',
    ).message;
  }
  const empty = /^Empty value found for query parameter '(.*)'$/.exec(part);
  if (empty)
    return invalidInput('query', empty[1], 'must not be empty').message;

  const match = /^request\/(body|query|params|headers)(\/\S*)? (.+)$/s.exec(
    part,
  );
  if (!match) return part;
  const place = match[1] as Place;
  const path = segmentsOf(match[2] ?? '');
  let problem = match[3];
  if (place === 'headers' && path.length > 0) {
    path[0] = wording.headers.get(path[0]) ?? path[0];
  }
  const pattern = /^must match pattern "(.*)"$/s.exec(problem);
  problem = (pattern && wording.patterns.get(pattern[1])) || problem;
  if (place === 'body' && problem === 'must NOT have additional properties') {
    const unknown = unknownFields(doc, req, path);
    if (unknown.length > 0) {
      problem = `${unknown.map(f => `"${f}"`).join(', ')} ${
        unknown.length === 1 ? 'is not a field' : 'are not fields'
      } of the API`;
    }
  }
  return invalidInput(place, path.join('.') || undefined, problem).message;
}

/**
 * Error middleware right after the validator: rewrites its messages
 * (`request/query/offset must be <= 500`) to the API's form
 * (`Invalid query: offset: must be <= 500`), with header names as the spec
 * spells them, patterns said in words (`x-pattern-message`) and unknown
 * body fields named. Backstage's router has already
 * made every validator failure an `InputError` (400).
 */
export function validationErrorMessages(doc: Doc): express.ErrorRequestHandler {
  const wording = { headers: headerNames(doc), patterns: patternMessages(doc) };
  return (error, req, _res, next) => {
    if (!isError(error) || error.name !== 'InputError') {
      next(error);
      return;
    }
    const message = error.message
      .split(/, (?=request\/)/)
      .map(part => describe(part, doc, wording, req))
      .join('; ');
    next(message === error.message ? error : new InputError(message));
  };
}
