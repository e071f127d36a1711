import { MESH_KNOWLEDGE_BASE } from './knowledgeBase';
import {
  KnowledgeBaseConfigError,
  applyKnowledgeBaseOverrides,
  loadMeshKnowledgeBase,
  readKnowledgeBaseOverrides,
} from './overrides';
import { summarizeKnowledgeBase } from './summary';

const validOverride = {
  mesh: 'linkerd',
  capability: 'mirroring',
  value: 'supported',
  note: 'Verified on our clusters.',
  source: { title: 'ADR 42', url: 'https://wiki.example.com/adr/42' },
  checkedOn: '2026-12-01',
};

function configError(config: unknown): KnowledgeBaseConfigError {
  try {
    readKnowledgeBaseOverrides(config);
  } catch (error) {
    if (error instanceof KnowledgeBaseConfigError) return error;
    throw error;
  }
  throw new Error('expected a KnowledgeBaseConfigError');
}

describe('readKnowledgeBaseOverrides', () => {
  it('treats absent config as no overrides', () => {
    expect(readKnowledgeBaseOverrides(undefined)).toEqual({
      overrides: [],
      entries: [],
    });
  });

  it('names an unknown capability and lists the valid ones', () => {
    const error = configError({
      overrides: [validOverride, { ...validOverride, capability: 'mirorring' }],
    });
    expect(error.message).toContain(
      'serviceMesh.knowledgeBase.overrides[1].capability: unknown capability "mirorring"; expected one of platform-kubernetes,',
    );
    expect(error.issues).toHaveLength(1);
  });

  it('names an unknown mesh, unknown keys, missing fields and bad dates', () => {
    const { issues } = configError({
      overrides: [
        { ...validOverride, mesh: 'istoi' },
        { ...validOverride, valeu: 'x' },
        { ...validOverride, source: undefined },
        { ...validOverride, checkedOn: '01/12/2026' },
        { ...validOverride, value: 'yes' },
      ],
    });
    const paths = issues.map(i => `${i.path}: ${i.message}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        'serviceMesh.knowledgeBase.overrides[1].valeu: unknown key "valeu"',
        'serviceMesh.knowledgeBase.overrides[2].source: is required',
        'serviceMesh.knowledgeBase.overrides[3].checkedOn: must be a date in the form YYYY-MM-DD',
        'serviceMesh.knowledgeBase.overrides[4].value: unknown value "yes"; expected one of supported, partial, not-supported, unknown',
      ]),
    );
    // Mesh ids are checked once the shape is valid.
    expect(
      configError({ overrides: [{ ...validOverride, mesh: 'istoi' }] })
        .issues[0],
    ).toEqual({
      path: 'serviceMesh.knowledgeBase.overrides[0].mesh',
      message: expect.stringMatching(
        /^unknown mesh "istoi"; expected one of istio-sidecar,/,
      ),
    });
  });

  it('rejects a second override of the same cell', () => {
    expect(
      configError({ overrides: [validOverride, validOverride] }).issues,
    ).toEqual([
      {
        path: 'serviceMesh.knowledgeBase.overrides[1]',
        message:
          'overrides linkerd/mirroring again; it is already overridden at serviceMesh.knowledgeBase.overrides[0]',
      },
    ]);
  });

  it('names the missing capability row of an incomplete config entry', () => {
    const { origin: _origin, ...kuma } = structuredClone(
      MESH_KNOWLEDGE_BASE.entries.find(e => e.id === 'kuma')!,
    );
    const { retries: _retries, ...capabilities } = kuma.capabilities;
    const { issues } = configError({
      entries: [{ ...kuma, id: 'gloo-mesh', capabilities }],
    });
    expect(issues).toEqual([
      {
        path: 'serviceMesh.knowledgeBase.entries[0].capabilities.retries',
        message: 'is required',
      },
    ]);
  });
});

describe('applyKnowledgeBaseOverrides', () => {
  it('replaces the cell, marks it and keeps what it replaced', () => {
    const before = structuredClone(MESH_KNOWLEDGE_BASE);
    const kb = loadMeshKnowledgeBase({ overrides: [validOverride] });
    const linkerd = kb.entries.find(e => e.id === 'linkerd')!;

    expect(linkerd.capabilities.mirroring).toEqual({
      value: 'supported',
      note: 'Verified on our clusters.',
      source: validOverride.source,
      checkedOn: '2026-12-01',
      overridden: {
        by: 'app-config',
        previous: MESH_KNOWLEDGE_BASE.entries.find(e => e.id === 'linkerd')!
          .capabilities.mirroring,
      },
    });
    expect(linkerd.capabilities.retries.overridden).toBeUndefined();
    expect(summarizeKnowledgeBase(kb).overriddenCells).toBe(1);
    expect(MESH_KNOWLEDGE_BASE).toEqual(before);
  });

  it('adds new entries and replaces built-in ones, marking their origin', () => {
    const { origin: _origin, ...kuma } = structuredClone(
      MESH_KNOWLEDGE_BASE.entries.find(e => e.id === 'kuma')!,
    );
    const kb = loadMeshKnowledgeBase({
      entries: [
        { ...kuma, id: 'gloo-mesh', name: 'Gloo Mesh' },
        { ...kuma, name: 'Kong Mesh (our build)' },
      ],
      overrides: [{ ...validOverride, mesh: 'gloo-mesh' }],
    });
    expect(kb.entries.map(e => e.id)).toEqual([
      ...MESH_KNOWLEDGE_BASE.entries.map(e => e.id),
      'gloo-mesh',
    ]);
    expect(kb.entries.find(e => e.id === 'kuma')).toMatchObject({
      name: 'Kong Mesh (our build)',
      origin: 'app-config',
    });
    expect(kb.entries.find(e => e.id === 'gloo-mesh')).toMatchObject({
      origin: 'app-config',
      capabilities: { mirroring: { overridden: { by: 'app-config' } } },
    });
  });

  it('refuses overrides for entries it does not have', () => {
    expect(() =>
      applyKnowledgeBaseOverrides(MESH_KNOWLEDGE_BASE, {
        entries: [],
        overrides: [{ ...(validOverride as any), mesh: 'nope' }],
      }),
    ).toThrow('no entry "nope"');
  });
});
