import { RESEARCH_CHECKED_ON } from './cells';
import { SOURCES } from './sources';
import type {
  KnowledgeSource,
  OverheadMeasurement,
} from '@meshwise/backstage-plugin-service-mesh-common';

/**
 * The published studies behind the overhead figures (research §5). A study
 * fixes harness, source, date and affiliation; entries add their figures.
 */
interface Study {
  harness: string;
  source: KnowledgeSource;
  publishedOn?: string;
  vendorAffiliated?: boolean;
  verified: boolean;
  note?: string;
}

export const STUDIES = {
  istioDocs124: {
    harness:
      'Istio load-test mesh: 1000 services, 2000 pods, 70k mesh-wide rps',
    source: SOURCES.istioPerf124,
    verified: true,
  },
  istioDocs122: {
    harness: 'Istio performance test, as published in the 1.22 docs',
    source: SOURCES.istioPerf122,
    verified: true,
  },
  istioDocs112: {
    harness: 'Istio performance test, as published in the 1.12 docs',
    source: SOURCES.istioPerf112,
    verified: true,
    note: 'The 1.13 page publishes the same figures.',
  },
  istioDocs17: {
    harness: 'Istio performance test, as published in the 1.7-era docs',
    source: SOURCES.istioPerf17,
    verified: true,
    note: 'The research describes this page as 1.7-era text without pinning the version.',
  },
  linkerdVsIstio2021: {
    harness:
      'Kinvolk service-mesh-benchmark; bare metal (Equinix s3.xlarge); mTLS on; Linkerd 2.11.1 vs Istio 1.12.0 "minimal"',
    source: SOURCES.linkerdVsIstio2021,
    publishedOn: '2021-11-29',
    vendorAffiliated: true,
    verified: true,
    note: 'Published by the Linkerd project.',
  },
  linkerdVsAmbient2025: {
    harness:
      'GKE, 3× e2-standard-8, wrk2, emojivoto, north-south traffic, 100 connections; ambient with a waypoint for L7 parity',
    source: SOURCES.linkerdVsAmbient2025,
    publishedOn: '2025-04-24',
    vendorAffiliated: true,
    verified: true,
    note: 'Written by a Linkerd ambassador.',
  },
  ambientVsCilium2024: {
    harness: 'AKS, 1000 nodes / 11,000 cores, 500 services × 100 pods',
    source: SOURCES.istioAmbientVsCilium,
    publishedOn: '2024-10-21',
    vendorAffiliated: true,
    verified: false,
    note: 'Figures come from secondary summaries (dev-ex.com); the blog’s numeric sections were not read. Published on the Istio blog.',
  },
  arxivMtls2024: {
    harness:
      'Fortio on GCP; Istio, Istio ambient, Linkerd and Cilium with mTLS',
    source: SOURCES.arxivMtlsComparison,
    publishedOn: '2024-11',
    verified: false,
    note: 'Quoted by a secondary blog; the paper’s tables were not read.',
  },
  cncfAmbientFaster2024: {
    harness: 'Bookinfo on Istio 1.22.3',
    source: SOURCES.cncfAmbientFaster,
    publishedOn: '2024-08-23',
    verified: true,
    note: 'Qualitative result.',
  },
} satisfies Record<string, Study>;

type Figure = Pick<
  OverheadMeasurement,
  'metric' | 'value' | 'unit' | 'component' | 'load' | 'relativeTo' | 'note'
>;

/** One figure of a study, with the study's provenance attached. */
export function measured(study: Study, figure: Figure): OverheadMeasurement {
  const note = [figure.note, study.note].filter(Boolean).join(' ');
  return {
    ...figure,
    harness: study.harness,
    source: study.source,
    ...(study.publishedOn ? { publishedOn: study.publishedOn } : {}),
    checkedOn: RESEARCH_CHECKED_ON,
    ...(study.vendorAffiliated !== undefined
      ? { vendorAffiliated: study.vendorAffiliated }
      : {}),
    verified: study.verified,
    ...(note ? { note } : {}),
  };
}
