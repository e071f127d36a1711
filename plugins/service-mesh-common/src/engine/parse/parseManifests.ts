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
}

export interface ParsedManifests {
  objects: KubeObject[];
  findings: ParseFinding[];
}

/**
 * Turns YAML or JSON files into Kubernetes objects. Multi-document files,
 * `List` kinds (`List`, `ServiceList`, ...) and empty documents are handled;
 * every problem becomes a `ParseFinding` so one bad file never hides the rest.
 */
export function parseManifests(
  files: readonly ManifestFile[],
): ParsedManifests {
  const objects: KubeObject[] = [];
  const findings: ParseFinding[] = [];
  for (const file of files) {
    parseFile(file, objects, findings);
  }
  return { objects, findings };
}

function parseFile(
  file: ManifestFile,
  objects: KubeObject[],
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
          objects.push(result);
        }
      });
      return;
    }
    const result = normaliseKubeObject(record);
    if (typeof result === 'string') {
      findings.push({ ...at, message: result });
    } else {
      objects.push(result);
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
