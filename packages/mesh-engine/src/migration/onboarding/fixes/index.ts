import { appLabelFix, versionLabelFix } from './labels';
import {
  declareServerFirstTcp,
  portProtocolFix,
  protocolMismatchFix,
  serverFirstFix,
} from './ports';
import { proxyUidFix } from './proxyUid';
import { snippetFix } from './snippets';
import { FixFunction } from './types';

/**
 * The fix of each check id, for any mesh; a playbook replaces the ones its
 * mesh does differently. A check id with no fix here becomes a manual action
 * (MR-INIT-NETWORK and MR-HTTP-PROBES have fixes only in some playbooks).
 */
export const FIXES: Readonly<Record<string, FixFunction>> = {
  'MR-PORT-PROTOCOL': portProtocolFix(),
  'MR-SERVER-FIRST': serverFirstFix(declareServerFirstTcp),
  'MR-PROTOCOL-MISMATCH': protocolMismatchFix,
  'MR-LABEL-APP': appLabelFix,
  'MR-LABEL-VERSION': versionLabelFix,
  'MR-UID-1337': proxyUidFix,
  'MR-UID-OTHER-PROXY': proxyUidFix,
  'MR-OPAQUE-MISMATCH': snippetFix,
  'MR-ANNOTATION-AS-LABEL': snippetFix,
  'MR-SERVICE-ASSOCIATION': snippetFix,
};

export type { FixContext, FixFunction } from './types';
