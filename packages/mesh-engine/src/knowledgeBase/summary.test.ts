import { CAPABILITIES } from '@meshwise/backstage-plugin-service-mesh-common';
import { MESH_KNOWLEDGE_BASE } from './knowledgeBase';
import { summarizeKnowledgeBase } from './summary';

describe('summarizeKnowledgeBase', () => {
  it('counts every cell once, all of them sourced', () => {
    const summary = summarizeKnowledgeBase(MESH_KNOWLEDGE_BASE);
    const { byValue } = summary;

    expect(summary.entries).toBe(10);
    expect(summary.capabilities).toBe(CAPABILITIES.length);
    expect(summary.cells).toBe(10 * CAPABILITIES.length);
    expect(
      byValue.supported +
        byValue.partial +
        byValue['not-supported'] +
        byValue.unknown,
    ).toBe(summary.cells);
    expect(summary.sourcedCells).toBe(summary.cells);
    expect(summary.overriddenCells).toBe(0);
    expect(byValue.unknown).toBeGreaterThan(0);
    expect(summary.verifiedMeasurements).toBeLessThan(summary.measurements);
  });

  it('does not count a cell whose source is blank as sourced', () => {
    const kb = structuredClone(MESH_KNOWLEDGE_BASE) as any;
    kb.entries[0].capabilities.retries.source = { title: '', url: '' };
    const summary = summarizeKnowledgeBase(kb);
    expect(summary.sourcedCells).toBe(summary.cells - 1);
  });
});
