import type { CapabilityId } from '@meshwise/backstage-plugin-service-mesh-common';
import { findMeshEntry, MESH_KNOWLEDGE_BASE } from './knowledgeBase';
import type {
  MeshEntry,
  SupportValue,
} from '@meshwise/backstage-plugin-service-mesh-common';

/** The built-in data against the research (§3–§5), cell by cell where it matters. */

function entry(id: string): MeshEntry {
  const found = findMeshEntry(MESH_KNOWLEDGE_BASE, id);
  if (!found) throw new Error(`no entry ${id}`);
  return found;
}

const value = (id: string, capability: CapabilityId): SupportValue =>
  entry(id).capabilities[capability].value;

describe('research fidelity', () => {
  // Every cell the research matrix marks "?" (not verified).
  it.each<[string, CapabilityId]>([
    ['istio-sidecar', 'platform-ecs'],
    ['istio-ambient', 'mirroring'],
    ['istio-ambient', 'rate-limiting'],
    ['istio-ambient', 'platform-vms'],
    ['istio-ambient', 'platform-multi-cluster'],
    ['consul', 'mirroring'],
    ['consul', 'certificate-rotation'],
    ['consul', 'tracing'],
    ['consul', 'platform-ecs'],
    ['kuma', 'certificate-rotation'],
    ['cilium', 'retries'],
    ['cilium', 'timeouts'],
    ['cilium', 'mirroring'],
    ['cilium', 'certificate-rotation'],
    ['cilium', 'tracing'],
    ['cilium', 'platform-vms'],
    ['aws-app-mesh', 'load-balancing'],
    ['aws-app-mesh', 'authorization-policy'],
    ['osm', 'load-balancing'],
    ['osm', 'timeouts'],
    ['osm', 'certificate-rotation'],
    ['osm', 'tracing'],
    ['osm', 'access-logs'],
  ])('keeps "?" as unknown: %s / %s', (id, capability) => {
    expect(value(id, capability)).toBe('unknown');
  });

  it.each<CapabilityId>([
    'blue-green',
    'dashboards',
    'service-map',
    'cloud-iam',
  ])('has no guessed ticks for %s, a row the research lacks', capability => {
    for (const e of MESH_KNOWLEDGE_BASE.entries) {
      expect([e.id, e.capabilities[capability].value]).toEqual([
        e.id,
        'unknown',
      ]);
    }
  });

  it('only ticks what the research states for the AWS migration targets', () => {
    const supportedRows = (id: string) =>
      Object.entries(entry(id).capabilities)
        .filter(([, cell]) => cell.value === 'supported')
        .map(([capability]) => capability)
        .sort();
    // Retries and certificate rotation: issue 12 (AWS blog, ECS developer guide).
    expect(supportedRows('ecs-service-connect')).toEqual([
      'certificate-rotation',
      'control-plane-managed',
      'platform-ecs',
      'retries',
    ]);
    expect(supportedRows('vpc-lattice')).toEqual([
      'control-plane-managed',
      'gateway-api',
      'platform-ecs',
      'platform-kubernetes',
    ]);
    expect(value('ecs-service-connect', 'automatic-mtls')).toBe(
      'not-supported',
    );
  });

  it.each<[string, CapabilityId, SupportValue]>([
    ['istio-sidecar', 'rate-limiting', 'partial'],
    ['istio-sidecar', 'mirroring', 'supported'],
    ['linkerd', 'mirroring', 'not-supported'],
    ['linkerd', 'fault-injection', 'partial'],
    ['linkerd', 'jwt-authentication', 'not-supported'],
    ['consul', 'fault-injection', 'partial'],
    ['kuma', 'mirroring', 'supported'],
    ['kuma', 'automatic-mtls', 'partial'],
    ['kuma', 'platform-ecs', 'partial'],
    ['cilium', 'fault-injection', 'not-supported'],
    ['cilium', 'automatic-mtls', 'partial'],
    ['aws-app-mesh', 'platform-ecs', 'supported'],
    ['aws-app-mesh', 'automatic-mtls', 'not-supported'],
    ['aws-app-mesh', 'mirroring', 'not-supported'],
    ['aws-app-mesh', 'platform-multi-cloud', 'not-supported'],
    ['osm', 'rate-limiting', 'supported'],
    ['osm', 'platform-multi-cluster', 'partial'],
  ])('encodes the matrix: %s / %s = %s', (id, capability, expected) => {
    expect(value(id, capability)).toBe(expected);
  });

  it('records App Mesh as discontinued on 2026-09-30 with its AWS successors', () => {
    const { lifecycle } = entry('aws-app-mesh');
    expect(lifecycle).toMatchObject({
      status: 'discontinued',
      since: '2026-09-30',
      announcedOn: '2024-09-24',
      successors: ['ecs-service-connect', 'vpc-lattice'],
    });
    expect(lifecycle.source.url).toBe(
      'https://aws.amazon.com/blogs/containers/migrating-from-aws-app-mesh-to-amazon-ecs-service-connect',
    );
  });

  it('records OSM as archived in 2023 with Istio as successor', () => {
    expect(entry('osm').lifecycle).toMatchObject({
      status: 'archived',
      since: '2023-06-30',
      successors: ['istio-sidecar', 'istio-ambient'],
    });
  });

  it('treats Cilium SPIRE mutual auth as a deprecated feature, not a deprecated mesh', () => {
    const cilium = entry('cilium');
    expect(cilium.lifecycle.status).toBe('active');
    expect(cilium.capabilities['automatic-mtls'].note).toMatch(
      /deprecated in 1\.20/,
    );
  });

  it('keeps overhead figures as published, with provenance', () => {
    const linkerdMemory = entry('linkerd').overhead.find(
      m => m.metric === 'proxy-memory',
    );
    expect(linkerdMemory).toMatchObject({
      value: 26.3,
      unit: 'MB',
      publishedOn: '2021-11-29',
      vendorAffiliated: true,
      verified: true,
    });
    const ztunnel = entry('istio-ambient').overhead.find(
      m => m.metric === 'proxy-cpu' && m.component.startsWith('ztunnel'),
    );
    expect(ztunnel).toMatchObject({
      value: 0.06,
      unit: 'vCPU',
      verified: true,
    });

    const arxiv = MESH_KNOWLEDGE_BASE.entries.flatMap(e =>
      e.overhead
        .filter(m => m.source.url === 'https://arxiv.org/abs/2411.02267')
        .map(m => [e.id, m.value, m.verified]),
    );
    expect(arxiv).toEqual([
      ['istio-sidecar', 166, false],
      ['istio-ambient', 8, false],
      ['linkerd', 33, false],
      ['cilium', 99, false],
    ]);
  });

  it('uses one title per source URL', () => {
    const titles = new Map<string, Set<string>>();
    for (const e of MESH_KNOWLEDGE_BASE.entries) {
      for (const cell of Object.values(e.capabilities)) {
        titles.set(
          cell.source.url,
          (titles.get(cell.source.url) ?? new Set()).add(cell.source.title),
        );
      }
    }
    for (const [url, set] of titles) {
      expect([url, set.size]).toEqual([url, 1]);
    }
  });
});

/** Corrections of issue 12, each with its source and the day it was read. */
describe('issue 12 corrections', () => {
  const READ_ON = '2026-12-02';

  it('says Istio injects native sidecars by default since 1.27, not 1.28', () => {
    const model = entry('istio-sidecar').dataPlaneModel;
    expect(model.note).toContain('by default since 1.27');
    expect(model.note).not.toContain('1.28');
    expect(model.source.url).toBe(
      'https://github.com/istio/istio/blob/1.27.0/pilot/pkg/features/pilot.go',
    );
    expect(model.checkedOn).toBe(READ_ON);
  });

  it("keeps Istio 1.30.3's release date apart from the day it was read", () => {
    const { lifecycle } = entry('istio-sidecar');
    expect(lifecycle.latestRelease).toEqual({
      version: '1.30.3',
      releasedOn: '2026-07-16',
    });
    expect(lifecycle.note).not.toMatch(/1\.30\.3 \(2026-08-22\)/);
    expect(lifecycle.checkedOn).toBe(READ_ON);
  });

  it('says Linkerd stable releases are Buoyant Enterprise for Linkerd, with its licence terms, in the licence and cost cells', () => {
    const linkerd = entry('linkerd');
    for (const text of [
      linkerd.license.value + linkerd.license.note,
      linkerd.costModel.note,
      linkerd.capabilities['open-source-license'].note,
    ]) {
      expect(text).toContain('Buoyant Enterprise for Linkerd');
      expect(text).toContain('licence key');
      expect(text).toContain(
        'non-production use or companies under 50 employees',
      );
    }
    expect(linkerd.license.value).not.toBe('Apache-2.0');
    expect(linkerd.capabilities['open-source-license'].value).toBe('partial');
    expect(linkerd.license.source.url).toBe(
      'https://docs.buoyant.io/buoyant-enterprise-linkerd/latest/faq/',
    );
  });

  it('drops the unsourced Kuma v2.14.6 date and records the newest sourced tag', () => {
    const { lifecycle } = entry('kuma');
    expect(lifecycle.note).not.toContain('2.14.6');
    expect(lifecycle.latestRelease).toEqual({
      version: 'v2.14.3',
      releasedOn: '2026-08-10',
    });
    expect(lifecycle.source.url).toBe(
      'https://github.com/kumahq/kuma/releases/tag/v2.14.3',
    );
  });

  it("records Cilium's licence: Apache-2.0, BPF programs GPL-2.0 / BSD-2-Clause", () => {
    const cilium = entry('cilium');
    expect(cilium.license.value).toBe(
      'Apache-2.0 (BPF programs GPL-2.0-only OR BSD-2-Clause)',
    );
    expect(cilium.costModel.value).toBe('open-source');
    expect(cilium.capabilities['open-source-license']).toMatchObject({
      value: 'supported',
      checkedOn: READ_ON,
    });
  });

  it('gives ECS Service Connect retries, outlier detection and rotated TLS certificates, but not mTLS', () => {
    expect(value('ecs-service-connect', 'retries')).toBe('supported');
    expect(value('ecs-service-connect', 'circuit-breaking')).toBe('partial');
    expect(value('ecs-service-connect', 'certificate-rotation')).toBe(
      'supported',
    );
    const mtls = entry('ecs-service-connect').capabilities['automatic-mtls'];
    expect(mtls.value).toBe('not-supported');
    expect(mtls.note).toContain('TLS, not mutual TLS');
    expect(mtls.source.url).toBe(
      'https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-connect-tls.html',
    );
  });
});
