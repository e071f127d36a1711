import Ajv from 'ajv';

/**
 * The part of the SARIF 2.1.0 schema (OASIS, errata 01) that covers what
 * `meshwise check --format sarif` writes, written here from the
 * specification: no installed package ships the official schema, and tests
 * fetch nothing. Every object is closed (`additionalProperties: false`), so a
 * property misnamed or put on the wrong object fails, as it would against the
 * full schema; properties SARIF defines that meshwise does not write are
 * left out and would fail here too.
 */
const message = {
  type: 'object',
  additionalProperties: false,
  properties: { text: { type: 'string' }, markdown: { type: 'string' } },
  required: ['text'],
};

const propertyBag = {
  type: 'object',
  properties: {
    tags: { type: 'array', uniqueItems: true, items: { type: 'string' } },
  },
};

const level = { enum: ['none', 'note', 'warning', 'error'] };

export const SARIF_SUBSET_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'runs'],
  properties: {
    $schema: { type: 'string', format: 'uri' },
    version: { enum: ['2.1.0'] },
    runs: { type: 'array', items: { $ref: '#/definitions/run' } },
  },
  definitions: {
    run: {
      type: 'object',
      additionalProperties: false,
      required: ['tool'],
      properties: {
        tool: {
          type: 'object',
          additionalProperties: false,
          required: ['driver'],
          properties: { driver: { $ref: '#/definitions/toolComponent' } },
        },
        originalUriBaseIds: {
          type: 'object',
          additionalProperties: { $ref: '#/definitions/artifactLocation' },
        },
        invocations: {
          type: 'array',
          items: { $ref: '#/definitions/invocation' },
        },
        results: { type: 'array', items: { $ref: '#/definitions/result' } },
        properties: propertyBag,
      },
    },
    toolComponent: {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string' },
        version: { type: 'string' },
        semanticVersion: { type: 'string' },
        informationUri: { type: 'string', format: 'uri' },
        rules: {
          type: 'array',
          uniqueItems: true,
          items: { $ref: '#/definitions/reportingDescriptor' },
        },
      },
    },
    reportingDescriptor: {
      type: 'object',
      additionalProperties: false,
      required: ['id'],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        shortDescription: message,
        fullDescription: message,
        help: message,
        defaultConfiguration: {
          type: 'object',
          additionalProperties: false,
          properties: { level },
        },
        properties: propertyBag,
      },
    },
    invocation: {
      type: 'object',
      additionalProperties: false,
      required: ['executionSuccessful'],
      properties: {
        executionSuccessful: { type: 'boolean' },
        exitCode: { type: 'integer' },
        toolExecutionNotifications: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['message'],
            properties: {
              level,
              message,
              locations: {
                type: 'array',
                items: { $ref: '#/definitions/location' },
              },
            },
          },
        },
      },
    },
    result: {
      type: 'object',
      additionalProperties: false,
      required: ['message'],
      properties: {
        ruleId: { type: 'string' },
        ruleIndex: { type: 'integer', minimum: -1 },
        level,
        message,
        locations: { type: 'array', items: { $ref: '#/definitions/location' } },
        partialFingerprints: {
          type: 'object',
          additionalProperties: { type: 'string' },
        },
        properties: propertyBag,
      },
    },
    location: {
      type: 'object',
      additionalProperties: false,
      properties: {
        physicalLocation: {
          type: 'object',
          additionalProperties: false,
          required: ['artifactLocation'],
          properties: {
            artifactLocation: { $ref: '#/definitions/artifactLocation' },
            region: {
              type: 'object',
              additionalProperties: false,
              required: ['startLine'],
              properties: { startLine: { type: 'integer', minimum: 1 } },
            },
          },
        },
        logicalLocations: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            properties: {
              name: { type: 'string' },
              fullyQualifiedName: { type: 'string' },
              kind: { type: 'string' },
            },
          },
        },
      },
    },
    artifactLocation: {
      type: 'object',
      additionalProperties: false,
      properties: {
        uri: { type: 'string', format: 'uri-reference' },
        uriBaseId: { type: 'string' },
      },
    },
  },
};

/** URI syntax (RFC 3986), checked with the WHATWG parser plus what it would repair silently. */
function isUriReference(value: string, absolute: boolean): boolean {
  if (/[\s\\"<>^`{|}]/.test(value)) return false;
  try {
    // A relative reference parses against a base; an absolute URI alone.
    new URL(value, absolute ? undefined : 'file:///base/'); // eslint-disable-line no-new
    return true;
  } catch {
    return false;
  }
}

/** Validates a SARIF log; the errors as ajv reports them, or none. */
export function sarifSchemaErrors(log: unknown): string[] {
  const ajv = new Ajv({ allErrors: true });
  ajv.addFormat('uri', value => isUriReference(value, true));
  ajv.addFormat('uri-reference', value => isUriReference(value, false));
  const validate = ajv.compile(SARIF_SUBSET_SCHEMA);
  if (validate(log)) return [];
  return (validate.errors ?? []).map(
    error => `${error.instancePath || '/'} ${error.message}`,
  );
}
