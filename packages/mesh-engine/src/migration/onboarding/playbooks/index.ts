import { ReadinessTargetMesh } from '../../../engine/assess/types';
import { OnboardingPlaybook } from '../playbook';
import { ciliumPlaybook } from './cilium';
import { consulPlaybook } from './consul';
import { istioAmbientPlaybook, istioSidecarPlaybook } from './istio';
import { kumaPlaybook } from './kuma';
import { linkerdPlaybook } from './linkerd';

/** The onboarding playbook of each mesh a service can be onboarded to. */
export const PLAYBOOKS: Readonly<
  Record<ReadinessTargetMesh, OnboardingPlaybook>
> = {
  'istio-sidecar': istioSidecarPlaybook,
  'istio-ambient': istioAmbientPlaybook,
  linkerd: linkerdPlaybook,
  consul: consulPlaybook,
  kuma: kumaPlaybook,
  cilium: ciliumPlaybook,
};
