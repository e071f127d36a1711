import { parseAllDocuments } from 'yaml';
import {
  asArray,
  asRecord,
  asRecords,
  asScalarString,
  asString,
  asStringMap,
  JsonRecord,
} from '../model/access';
import {
  groupKindOf,
  KubeObject,
  KubeOwnerReference,
} from '../model/kubeObject';
import { CLUSTER_SCOPED_GROUP_KINDS } from './clusterScopedKinds';
import {
  DefinitionConflict,
  ManifestLocation,
  mergeDefinitions,
  ObjectDefinition,
} from './mergeDefinitions';

/** One input file: a path used only for messages, and its text. */
export interface ManifestFile {
  path: string;
  content: string;
}

/** Something in the input that could not become an object; never thrown. */
export interface ParseFinding {
  file: string;
  /** 0-based position of the YAML document in the file. */
  documentIndex: number;
  /** Position inside a `List`'s `items`, when the problem is one item. */
  itemIndex?: number;
  message: string;
  /**
   * Set when the object here is also defined elsewhere with another value
   * for `field`; the value here (later in path order) is the one used.
   */
  conflict?: { field: string; earlier: ManifestLocation };
}

export interface ParsedManifests {
  objects: KubeObject[];
  findings: ParseFinding[];
}

/**
 * Turns YAML or JSON files into Kubernetes objects. Multi-document files,
 * `List` kinds (`List`, `ServiceList`, ...) and empty documents are handled;
 * every problem becomes a `ParseFinding` so one bad file never hides the rest.
 *
 * An object defined more than once (same group-kind, namespace and name, in
 * several files or documents) is one object, merged field by field whatever
 * the order of `files` (see `mergeDefinitions`): a field defined with two
 * different values is a finding, and the value of the file later in path
 * order is used.
 */
export function parseManifests(
  files: readonly ManifestFile[],
): ParsedManifests {
  const parser = createManifestParser();
  for (const file of files) parser.add(file);
  return parser.finish();
}

/** `parseManifests` one file at a time, so a server can yield in between. */
export interface ManifestParser {
  add(file: ManifestFile): void;
  finish(): ParsedManifests;
}

export function createManifestParser(): ManifestParser {
  const definitions: ObjectDefinition[] = [];
  const findings: ParseFinding[] = [];
  return {
    add: file => parseFile(file, definitions, findings),
    finish() {
      const { objects, conflicts } = mergeDefinitions(definitions, written => {
        const merged = normaliseKubeObject(written);
        // Each part had an apiVersion, a kind and a name, so the merge has too.
        if (typeof merged === 'string') throw new Error(merged);
        return merged;
      });
      return { objects, findings: [...findings, ...conflicts.map(toFinding)] };
    },
  };
}

function toFinding(conflict: DefinitionConflict): ParseFinding {
  const { object, field, earlier, later } = conflict;
  const { namespace, name } = object.metadata;
  const what = `${object.kind} ${namespace ? `${namespace}/` : ''}${name}`;
  return {
    ...later,
    message: `${what} is defined in ${located(earlier)} and in ${located(
      later,
    )} with different values for ${field} (${show(
      conflict.earlierValue,
    )}, then ${show(conflict.laterValue)}): the value of ${
      later.file
    }, later in path order, is used`,
    conflict: { field, earlier },
  };
}

function located(at: ManifestLocation): string {
  const item = at.itemIndex === undefined ? '' : ` item ${at.itemIndex}`;
  return `${at.file} (document ${at.documentIndex}${item})`;
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function parseFile(
  file: ManifestFile,
  definitions: ObjectDefinition[],
  findings: ParseFinding[],
): void {
  let documents;
  try {
    documents = parseAllDocuments(file.content, { merge: true });
  } catch (error) {
    findings.push({
      file: file.path,
      documentIndex: 0,
      message: `cannot read file: ${String(error)}`,
    });
    return;
  }
  // An empty stream (only comments or whitespace) holds no documents.
  if (!Array.isArray(documents)) return;

  documents.forEach((document, documentIndex) => {
    const at = { file: file.path, documentIndex };
    if (document.errors.length > 0) {
      findings.push({
        ...at,
        message: `invalid YAML: ${document.errors[0].message}`,
      });
      return;
    }
    let value: unknown;
    try {
      value = document.toJS({ maxAliasCount: 100 });
    } catch (error) {
      findings.push({ ...at, message: `invalid YAML: ${String(error)}` });
      return;
    }
    if (value === null || value === undefined) return;
    const record = asRecord(value);
    if (!record) {
      findings.push({ ...at, message: 'document is not an object' });
      return;
    }
    const kind = asString(record.kind);
    if (kind && isListKind(kind) && Array.isArray(record.items)) {
      asArray(record.items).forEach((item, itemIndex) => {
        const result = normaliseKubeObject(item);
        if (typeof result === 'string') {
          findings.push({ ...at, itemIndex, message: result });
        } else {
          definitions.push({
            written: item as JsonRecord,
            object: result,
            at: { ...at, itemIndex },
          });
        }
      });
      return;
    }
    const result = normaliseKubeObject(record);
    if (typeof result === 'string') {
      findings.push({ ...at, message: result });
    } else {
      definitions.push({ written: record, object: result, at });
    }
  });
}

function isListKind(kind: string): boolean {
  return kind === 'List' || kind.endsWith('List');
}

/**
 * Validates the envelope of one object (apiVersion, kind, metadata.name),
 * fills in the namespace and coerces labels and annotations to strings.
 * Returns the object or a message saying what is wrong. Exported so objects
 * read from a live API server can go through the same normalisation.
 */
export function normaliseKubeObject(value: unknown): KubeObject | string {
  const record = asRecord(value);
  if (!record) return 'item is not an object';
  const apiVersion = asString(record.apiVersion);
  const kind = asString(record.kind);
  const metadata = asRecord(record.metadata);
  const name = asScalarString(metadata?.name);
  const missing = [
    apiVersion ? undefined : 'apiVersion',
    kind ? undefined : 'kind',
    name ? undefined : 'metadata.name',
  ].filter(Boolean);
  if (!apiVersion || !kind || !metadata || !name) {
    const what = kind ? `${kind} ` : '';
    return `${what}object lacks ${missing.join(', ')}`;
  }
  return {
    ...record,
    apiVersion,
    kind,
    metadata: normaliseMetadata(metadata, name, groupKindOf(apiVersion, kind)),
  };
}

function normaliseMetadata(
  metadata: JsonRecord,
  name: string,
  groupKind: string,
): KubeObject['metadata'] {
  const namespace = CLUSTER_SCOPED_GROUP_KINDS.has(groupKind)
    ? undefined
    : asScalarString(metadata.namespace) || 'default';
  const ownerReferences = asRecords(metadata.ownerReferences).flatMap(
    (owner): KubeOwnerReference[] => {
      const ownerKind = asString(owner.kind);
      const ownerName = asScalarString(owner.name);
      if (!ownerKind || !ownerName) return [];
      return [
        {
          apiVersion: asString(owner.apiVersion),
          kind: ownerKind,
          name: ownerName,
          uid: asString(owner.uid),
          controller: owner.controller === true,
        },
      ];
    },
  );
  const normalised: KubeObject['metadata'] = {
    ...metadata,
    name,
    labels: asStringMap(metadata.labels),
    annotations: asStringMap(metadata.annotations),
    ownerReferences,
  };
  if (namespace === undefined) {
    delete normalised.namespace;
  } else {
    normalised.namespace = namespace;
  }
  const uid = asString(metadata.uid);
  if (uid === undefined) delete normalised.uid;
  return normalised;
}
