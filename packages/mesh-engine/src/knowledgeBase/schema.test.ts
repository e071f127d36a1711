import {
  MESH_DISPLAY_NAMES,
  MESH_IDS,
  MIGRATION_TARGET_IDS,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { CAPABILITY_IDS } from '@meshwise/backstage-plugin-service-mesh-common';
import { MESH_KNOWLEDGE_BASE } from './knowledgeBase';
import {
  KnowledgeBaseValidationError,
  assertValidKnowledgeBase,
  validateKnowledgeBase,
} from './schema';
import type { MeshKnowledgeBase } from '@meshwise/backstage-plugin-service-mesh-common';

function cloneKb(): { -readonly [K in keyof MeshKnowledgeBase]: any } {
  return structuredClone(MESH_KNOWLEDGE_BASE) as any;
}

describe('built-in knowledge base', () => {
  it('validates against its own schema', () => {
    expect(validateKnowledgeBase(MESH_KNOWLEDGE_BASE)).toEqual([]);
    expect(() => assertValidKnowledgeBase(MESH_KNOWLEDGE_BASE)).not.toThrow();
  });

  it('has one entry per shared id, named as in MESH_DISPLAY_NAMES', () => {
    const ids = MESH_KNOWLEDGE_BASE.entries.map(e => e.id);
    expect(ids).toEqual([...MESH_IDS, ...MIGRATION_TARGET_IDS]);
    for (const entry of MESH_KNOWLEDGE_BASE.entries) {
      expect(entry.name).toBe(
        MESH_DISPLAY_NAMES[entry.id as keyof typeof MESH_DISPLAY_NAMES],
      );
      expect(entry.kind).toBe(
        (MIGRATION_TARGET_IDS as readonly string[]).includes(entry.id)
          ? 'migration-target'
          : 'mesh',
      );
    }
  });

  it('gives every entry every capability row, each with a source and a date', () => {
    for (const entry of MESH_KNOWLEDGE_BASE.entries) {
      expect(Object.keys(entry.capabilities).sort()).toEqual(
        [...CAPABILITY_IDS].sort(),
      );
      for (const cell of Object.values(entry.capabilities)) {
        expect(cell.note.trim()).not.toBe('');
        expect(cell.source.title.trim()).not.toBe('');
        expect(cell.source.url).toMatch(/^https:\/\//);
        expect(cell.checkedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
    }
  });
});

describe('validateKnowledgeBase', () => {
  it('names a missing capability row', () => {
    const kb = cloneKb();
    delete kb.entries[2].capabilities.mirroring;
    expect(validateKnowledgeBase(kb)).toContainEqual({
      path: 'entries[2].capabilities.mirroring',
      message: 'is required',
    });
  });

  it('rejects a cell without a source or with a bad date', () => {
    const kb = cloneKb();
    delete kb.entries[0].capabilities.retries.source;
    kb.entries[1].capabilities.timeouts.checkedOn = '2026-02-30';
    const issues = validateKnowledgeBase(kb);
    expect(issues).toContainEqual({
      path: 'entries[0].capabilities.retries.source',
      message: 'is required',
    });
    expect(issues).toContainEqual({
      path: 'entries[1].capabilities.timeouts.checkedOn',
      message: 'is not a real calendar date',
    });
  });

  it('rejects guessed values outside the four support values', () => {
    const kb = cloneKb();
    kb.entries[0].capabilities.retries.value = 'yes';
    expect(validateKnowledgeBase(kb)[0].path).toBe(
      'entries[0].capabilities.retries.value',
    );
  });

  it('rejects successors that are not in the knowledge base', () => {
    const kb = cloneKb();
    kb.entries[6].lifecycle.successors = ['ecs-service-connect', 'nope'];
    expect(validateKnowledgeBase(kb)).toEqual([
      {
        path: 'entries[6].lifecycle.successors[1]',
        message: 'unknown entry "nope"',
      },
    ]);
  });

  it('throws a KnowledgeBaseValidationError listing the issues', () => {
    const kb = cloneKb();
    kb.entries[0].capabilities.metrics.note = '  ';
    expect(() => assertValidKnowledgeBase(kb)).toThrow(
      KnowledgeBaseValidationError,
    );
    expect(() => assertValidKnowledgeBase(kb)).toThrow(
      'entries[0].capabilities.metrics.note: must not be empty',
    );
  });
});
