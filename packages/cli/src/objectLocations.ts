/**
 * Where the objects of a manifest set are written: file and line. The
 * engine's parser keeps only objects (and, for its own findings, a document
 * index), so the files are read again here with the same YAML parser and
 * options, keeping positions, to point SARIF results at the line a pull
 * request reviewer sees.
 */
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  Node as YamlNode,
  parseAllDocuments,
} from 'yaml';
import {
  formatKubeObjectRef,
  KubeObjectRef,
} from '@meshwise/backstage-plugin-service-mesh-common';
import {
  kubeObjectRefOf,
  ManifestFile,
  normaliseKubeObject,
} from '@meshwise/mesh-engine';

/** A file of the manifest set (its path as in `ManifestFile`) and a 1-based line. */
export interface SourceLocation {
  file: string;
  line: number;
}

interface Definition {
  file: string;
  /** The object's node: a document's contents, or an item of a `List`. */
  node: YamlNode;
  lines: LineCounter;
}

export interface ObjectLocations {
  /**
   * The line of `field` (a JSON path such as
   * `spec.template.spec.containers[0].ports[1]` or
   * `metadata.labels["app"]`) in the object's definition, or of the
   * deepest part of it that is written there (a missing label points at
   * `labels:`), else the object's first line. An object defined in several
   * files is located in the one that writes most of the path, the first in
   * path order on a tie. Undefined when no file defines the object.
   */
  locate(object: KubeObjectRef, field?: string): SourceLocation | undefined;
  /** The first line of a file's document (0-based index, as in `ParseFinding`). */
  documentLine(file: string, documentIndex: number): number | undefined;
}

export function indexObjectLocations(
  files: readonly ManifestFile[],
): ObjectLocations {
  const byRef = new Map<string, Definition[]>();
  const documentLines = new Map<string, number[]>();
  const add = (object: unknown, definition: Definition) => {
    const normalised = normaliseKubeObject(object);
    if (typeof normalised === 'string') return;
    const key = formatKubeObjectRef(kubeObjectRefOf(normalised));
    byRef.set(key, [...(byRef.get(key) ?? []), definition]);
  };
  for (const file of files) {
    const lines = new LineCounter();
    let documents;
    try {
      // The options of the engine's parser, so both see the same objects.
      documents = parseAllDocuments(file.content, {
        merge: true,
        lineCounter: lines,
      });
    } catch {
      continue;
    }
    if (!Array.isArray(documents)) continue;
    const starts: number[] = [];
    documentLines.set(file.path, starts);
    for (const document of documents) {
      const node = document.contents;
      const offset = node?.range?.[0] ?? document.range[0];
      starts.push(lines.linePos(offset).line);
      if (!node || document.errors.length > 0) continue;
      let value: unknown;
      try {
        value = document.toJS({ maxAliasCount: 100 });
      } catch {
        continue;
      }
      const items = isMap(node) ? node.get('items', true) : undefined;
      const kind = (value as { kind?: unknown } | null)?.kind;
      if (
        isSeq(items) &&
        typeof kind === 'string' &&
        (kind === 'List' || kind.endsWith('List'))
      ) {
        const values = (value as { items: unknown[] }).items;
        items.items.forEach((item, i) => {
          if (item && typeof item === 'object' && 'range' in item)
            add(values[i], { file: file.path, node: item as YamlNode, lines });
        });
      } else {
        add(value, { file: file.path, node, lines });
      }
    }
  }

  return {
    locate(object, field) {
      const definitions = byRef.get(formatKubeObjectRef(object));
      if (!definitions) return undefined;
      const path = field ? parseFieldPath(field) : [];
      let best: { depth: number; location: SourceLocation } | undefined;
      for (const definition of definitions) {
        const found = followPath(definition.node, path);
        if (!best || found.depth > best.depth) {
          best = {
            depth: found.depth,
            location: {
              file: definition.file,
              line: definition.lines.linePos(found.offset).line,
            },
          };
        }
      }
      return best?.location;
    },
    documentLine: (file, documentIndex) =>
      documentLines.get(file)?.[documentIndex],
  };
}

/** `a.b[0]["c.d"]` → `['a', 'b', 0, 'c.d']`. */
export function parseFieldPath(field: string): Array<string | number> {
  const segments: Array<string | number> = [];
  const token = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|([^.[\]]+)/g;
  for (const match of field.matchAll(token)) {
    if (match[1] !== undefined) segments.push(Number(match[1]));
    else if (match[2] !== undefined) segments.push(JSON.parse(match[2]));
    else segments.push(match[3]);
  }
  return segments;
}

/** How far a path goes in a node, and the offset of the last key or item reached. */
function followPath(
  start: YamlNode,
  path: ReadonlyArray<string | number>,
): { depth: number; offset: number } {
  let node: unknown = start;
  let offset = start.range?.[0] ?? 0;
  let depth = 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        entry => isScalar(entry.key) && String(entry.key.value) === segment,
      );
      if (!pair || !isScalar(pair.key) || !pair.key.range) break;
      offset = pair.key.range[0];
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as YamlNode | undefined;
      if (!item?.range) break;
      offset = item.range[0];
      node = item;
    } else {
      break;
    }
    depth += 1;
  }
  return { depth, offset };
}
