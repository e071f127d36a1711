import { measured, STUDIES } from '../benchmarks';
import {
  fact,
  NOT_IN_RESEARCH,
  partial,
  supported,
  notSupported,
  unknown,
} from '../cells';
import { SOURCES as S } from '../sources';
import type { MeshEntry } from '@meshwise/backstage-plugin-service-mesh-common';

const NO_KEY = 'The research matrix gives no source key for this cell.';
const WAYPOINT = 'L7 features need a waypoint proxy.';

export const ISTIO_AMBIENT_ENTRY: MeshEntry = {
  id: 'istio-ambient',
  name: 'Istio (ambient)',
  kind: 'mesh',
  origin: 'built-in',
  license: fact(
    'Apache-2.0',
    'Apache License 2.0 (part of Istio).',
    S.istioLicense,
  ),
  cncfStatus: fact(
    'graduated',
    'Ambient is a data-plane mode of Istio, which graduated on 2023-07-12.',
    S.istioGraduation,
  ),
  dataPlaneModel: fact(
    'ambient',
    'No sidecars: a ztunnel proxy per node for L4 and mTLS (HBONE), plus optional waypoint proxies for L7.',
    S.istioAmbientAddWorkloads,
  ),
  costModel: fact(
    'open-source-with-commercial-distributions',
    'Apache-2.0; vendors (e.g. Solo.io) promote ambient-based offerings. The research records no pricing.',
    S.istioLicense,
  ),
  lifecycle: {
    status: 'active',
    since: '2024-11-07',
    note: 'Generally available since Istio 1.24 (2024-11-07).',
    source: S.istioAmbientGa,
    checkedOn: '2026-11-22',
    successors: [],
  },
  capabilities: {
    'platform-kubernetes': supported(
      `Runs on Kubernetes. ${NO_KEY}`,
      S.istioAmbientGa,
    ),
    'platform-vms': unknown(
      'Research: partial, on the roadmap at GA (1.24); later status marked "?" (not verified).',
      S.istioAmbientGa,
    ),
    'platform-ecs': notSupported(`Not supported. ${NO_KEY}`, S.istioAmbientGa),
    'platform-ec2': unknown(
      'The research has no EC2 row; VM support is recorded under platform-vms.',
      S.istioAmbientGa,
    ),
    'platform-multi-cluster': unknown(
      'Research: partial, on the roadmap at 1.24; istio.io has an ambient multi-cluster performance page but maturity is marked "?" (not verified).',
      S.istioAmbientGa,
    ),
    'platform-multi-cloud': partial(`Partial. ${NO_KEY}`, S.istioAmbientGa),
    'load-balancing': supported(
      `Same APIs as sidecar mode through a waypoint; ztunnel balances at L4. ${WAYPOINT}`,
      S.istioAmbientGa,
    ),
    retries: supported(`Through a waypoint. ${WAYPOINT}`, S.istioAmbientGa),
    timeouts: supported(
      `Through a waypoint. ${WAYPOINT} ${NO_KEY}`,
      S.istioAmbientGa,
    ),
    'circuit-breaking': supported(
      `Through a waypoint. ${WAYPOINT} ${NO_KEY}`,
      S.istioAmbientGa,
    ),
    'fault-injection': supported(
      `Through a waypoint. ${WAYPOINT} ${NO_KEY}`,
      S.istioAmbientGa,
    ),
    mirroring: unknown(
      'Plausible through a waypoint but marked "?" (not verified).',
      S.istioAmbientGa,
    ),
    'rate-limiting': unknown(
      'Plausibly the same EnvoyFilter approach on a waypoint, marked "?" (not verified).',
      S.istioRateLimit,
    ),
    'weighted-routing': supported(
      `Through a waypoint. ${WAYPOINT} ${NO_KEY}`,
      S.istioAmbientGa,
    ),
    'blue-green': unknown(NOT_IN_RESEARCH, S.istioAmbientGa),
    'gateway-api': supported(
      `Waypoints are Gateway API Gateways. ${NO_KEY}`,
      S.istioAmbientGa,
    ),
    'automatic-mtls': supported(
      'ztunnel always speaks mTLS (HBONE) between ambient pods.',
      S.istioAmbientAddWorkloads,
    ),
    'certificate-rotation': supported(
      `ztunnel fetches certificates per service account. ${NO_KEY}`,
      S.istioAmbientGa,
    ),
    'authorization-policy': supported(
      'L4 policy at ztunnel, L7 policy at a waypoint.',
      S.istioAmbientGa,
    ),
    'jwt-authentication': supported(
      `At a waypoint (Kiali check KIA1110). ${NO_KEY}`,
      S.istioAmbientGa,
    ),
    'cloud-iam': unknown(NOT_IN_RESEARCH, S.istioAmbientGa),
    metrics: supported(
      `L4 metrics from ztunnel, L7 from waypoints. ${NO_KEY}`,
      S.istioTelemetry,
    ),
    tracing: supported(`Through a waypoint. ${NO_KEY}`, S.istioTelemetry),
    'access-logs': supported(`Supported. ${NO_KEY}`, S.istioTelemetry),
    dashboards: unknown(NOT_IN_RESEARCH, S.istioAmbientGa),
    'service-map': unknown(NOT_IN_RESEARCH, S.istioAmbientGa),
    'control-plane-self-hosted': unknown(
      'The research records control-plane hosting only for Istio in sidecar mode.',
      S.istioAmbientGa,
    ),
    'control-plane-managed': unknown(NOT_IN_RESEARCH, S.istioAmbientGa),
    'open-source-license': supported('Apache-2.0.', S.istioLicense),
  },
  overhead: [
    measured(STUDIES.istioDocs124, {
      metric: 'proxy-cpu',
      value: 0.06,
      unit: 'vCPU',
      component: 'ztunnel (per node)',
      load: '1000 HTTP rps, 1 KB payload',
    }),
    measured(STUDIES.istioDocs124, {
      metric: 'proxy-memory',
      value: 12,
      unit: 'MB',
      component: 'ztunnel (per node)',
      load: '1000 HTTP rps, 1 KB payload',
    }),
    measured(STUDIES.istioDocs124, {
      metric: 'proxy-cpu',
      value: 0.25,
      unit: 'vCPU',
      component: 'waypoint proxy (2 worker threads, optional, L7)',
      load: '1000 HTTP rps, 1 KB payload',
    }),
    measured(STUDIES.istioDocs124, {
      metric: 'proxy-memory',
      value: 60,
      unit: 'MB',
      component: 'waypoint proxy (2 worker threads, optional, L7)',
      load: '1000 HTTP rps, 1 KB payload',
    }),
    measured(STUDIES.istioDocs122, {
      metric: 'added-latency-p90',
      value: 0.17,
      unit: 'ms',
      component: 'two ztunnel proxies (L4)',
      load: '1000 rps, 1 KB payload, 1–64 connections',
    }),
    measured(STUDIES.istioDocs122, {
      metric: 'added-latency-p99',
      value: 0.2,
      unit: 'ms',
      component: 'two ztunnel proxies (L4)',
      load: '1000 rps, 1 KB payload, 1–64 connections',
    }),
    measured(STUDIES.linkerdVsAmbient2025, {
      metric: 'added-latency-p99',
      value: 11.2,
      unit: 'ms',
      relativeTo: 'linkerd',
      component: 'ztunnel + waypoint',
      load: '2000 rps',
    }),
    measured(STUDIES.ambientVsCilium2024, {
      metric: 'throughput',
      value: 56,
      unit: 'percent',
      relativeTo: 'cilium',
      component: 'whole mesh',
      load: 'cluster-wide load test',
      note: 'About 56% more total queries than Cilium.',
    }),
    measured(STUDIES.ambientVsCilium2024, {
      metric: 'latency-p99',
      value: -20,
      unit: 'percent',
      relativeTo: 'cilium',
      component: 'whole mesh',
      load: 'cluster-wide load test',
      note: 'About 20% lower p99 than Cilium.',
    }),
    measured(STUDIES.ambientVsCilium2024, {
      metric: 'throughput-per-core',
      value: 20,
      unit: 'percent',
      relativeTo: 'cilium',
      component: 'whole mesh',
      load: 'cluster-wide load test',
      note: 'About 20% more queries per core than Cilium.',
    }),
    measured(STUDIES.cncfAmbientFaster2024, {
      metric: 'added-latency-p90',
      value: 5,
      unit: 'percent',
      component: 'ztunnel (L4)',
      load: 'Bookinfo',
      note: 'Upper end of "roughly 0–5%" added to average or P90 latency; the details service was sometimes faster in ambient.',
    }),
    measured(STUDIES.arxivMtls2024, {
      metric: 'added-latency',
      value: 8,
      unit: 'percent',
      component: 'ambient data plane',
      load: 'mTLS test case',
    }),
  ],
};
