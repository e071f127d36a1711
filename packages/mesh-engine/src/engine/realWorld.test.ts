import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { assessService } from './assess/assessService';
import { ServiceAssessment } from './assess/types';
import { buildClusterIndex, ClusterIndex } from './cluster/clusterIndex';
import { parseManifests, ParseFinding } from './parse/parseManifests';
import { listWorkloads } from './workloads/listWorkloads';

/**
 * The public manifests in `<repo-root>/../shared/fixtures` (see its
 * SOURCES.md), read in place. `MESHWISE_FIXTURES_DIR` overrides the location.
 */
const FIXTURES_DIR =
  process.env.MESHWISE_FIXTURES_DIR ??
  resolve(__dirname, '../../../../../shared/fixtures');
const available = existsSync(FIXTURES_DIR);
if (!available) {
  // eslint-disable-next-line no-console
  console.warn(
    `Real-world corpus SKIPPED: fixtures directory not found at ${FIXTURES_DIR} (set MESHWISE_FIXTURES_DIR)`,
  );
}
const describeCorpus = available ? describe : describe.skip;
const title = available
  ? `real-world manifests in ${FIXTURES_DIR}`
  : `real-world manifests SKIPPED: ${FIXTURES_DIR} not found (set MESHWISE_FIXTURES_DIR)`;

const MANIFEST = /\.(ya?ml|json)(\.template)?$/;

function filesUnder(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap(entry => filesUnder(join(path, entry)))
    .filter(file => MANIFEST.test(file));
}

interface LoadedSet {
  index: ClusterIndex;
  findings: ParseFinding[];
  /** Each workload assessed as its own service, keyed by workload name. */
  byName: Map<string, ServiceAssessment>;
}

/** Loads a fixture set (a directory) or one file of it. */
function load(relative: string): LoadedSet {
  const files = filesUnder(join(FIXTURES_DIR, relative)).map(path => ({
    path,
    content: readFileSync(path, 'utf8'),
  }));
  const { objects, findings } = parseManifests(files);
  const index = buildClusterIndex(objects);
  const byName = new Map(
    listWorkloads(index).map(workload => [
      workload.name,
      assessService([workload], index),
    ]),
  );
  return { index, findings, byName };
}

function get(set: LoadedSet, name: string): ServiceAssessment {
  const assessment = set.byName.get(name);
  if (!assessment)
    throw new Error(
      `no workload ${name}; have ${[...set.byName.keys()].join(', ')}`,
    );
  return assessment;
}

/** Loads on first use, so nothing is read when the suite is skipped. */
function lazy<T>(compute: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= compute());
}

const failures = (assessment: ServiceAssessment, checkId: string) =>
  assessment.findings.filter(
    finding => finding.checkId === checkId && finding.status === 'fail',
  );

describeCorpus(title, () => {
  describe('every fixture file', () => {
    const files = available
      ? filesUnder(FIXTURES_DIR).map(file =>
          file.slice(FIXTURES_DIR.length + 1),
        )
      : [];

    it.each(files)('%s parses and is assessed without an exception', file => {
      const set = load(file);
      expect(set.index.objects.length + set.findings.length).toBeGreaterThan(0);
      for (const assessment of set.byName.values()) {
        expect(assessment.scores).toHaveLength(6);
        expect(() => JSON.stringify(assessment)).not.toThrow();
      }
    });
  });

  describe('Istio Bookinfo', () => {
    const set = lazy(() => load('bookinfo'));

    it('has the 6 Deployments, each selected by its Service', () => {
      expect([...set().byName.keys()].sort()).toEqual([
        'details-v1',
        'productpage-v1',
        'ratings-v1',
        'reviews-v1',
        'reviews-v2',
        'reviews-v3',
      ]);
      for (const name of set().byName.keys())
        expect(failures(get(set(), name), 'MR-SERVICE-ASSOCIATION')).toEqual(
          [],
        );
    });

    it('is ready for Istio sidecars: named ports, app and version labels, no blocking finding', () => {
      for (const assessment of set().byName.values()) {
        const istio = assessment.scores.find(
          score => score.mesh === 'istio-sidecar',
        )!;
        expect(istio).toMatchObject({ ready: true, blocking: 0 });
        expect(assessment.stage).toBe('ready');
        expect(failures(assessment, 'MR-LABEL-APP')).toEqual([]);
        expect(failures(assessment, 'MR-LABEL-VERSION')).toEqual([]);
        const istioPortProblems = failures(
          assessment,
          'MR-PORT-PROTOCOL',
        ).filter(f => f.meshes?.includes('istio-sidecar'));
        expect(istioPortProblems).toEqual([]);
      }
    });

    it('links the DestinationRules and VirtualServices to the workloads (L7 rules need a waypoint in ambient)', () => {
      const [finding] = failures(
        get(set(), 'reviews-v1'),
        'MR-AMBIENT-L7-NO-WAYPOINT',
      );
      expect(finding.message).toContain('VirtualService default/reviews');
      expect(finding.message).toContain('DestinationRule default/reviews');
    });
  });

  describe('Sock Shop', () => {
    const set = lazy(() => load('sock-shop'));

    it('has 14 Deployments labelled only with name (no app label)', () => {
      expect(set().byName.size).toBe(14);
      for (const assessment of set().byName.values()) {
        expect(failures(assessment, 'MR-LABEL-APP')).toHaveLength(1);
      }
    });

    it('has unnamed Service ports', () => {
      const [carts] = failures(get(set(), 'carts'), 'MR-PORT-PROTOCOL');
      expect(carts).toMatchObject({
        object: { kind: 'Service', namespace: 'sock-shop', name: 'carts' },
        field: 'spec.ports[0].appProtocol',
      });
      expect(carts.message).toBe(
        'Service carts port 80 has no protocol: name it http-... (or grpc-, tcp-, ...) or set appProtocol',
      );
    });

    it('calls none of its databases server-first: Redis and MongoDB clients speak first, MySQL is handled', () => {
      // Issue 12: Redis (session-db) for Istio and MongoDB (carts-db) for
      // Linkerd were false alarms; their clients speak first. MySQL 3306 is
      // auto-TCP for Istio and opaque by default for Linkerd.
      for (const name of ['session-db', 'carts-db', 'catalogue-db']) {
        expect([name, failures(get(set(), name), 'MR-SERVER-FIRST')]).toEqual([
          name,
          [],
        ]);
      }
    });

    it('sees the namespace as not enrolled in any mesh', () => {
      expect(failures(get(set(), 'carts'), 'MR-NS-NOT-ENROLLED')).toHaveLength(
        1,
      );
    });
  });

  describe('Online Boutique', () => {
    const set = lazy(() => load('online-boutique'));

    it("flags loadgenerator's network-using init container and its missing Service", () => {
      const loadgenerator = get(set(), 'loadgenerator');
      const [init] = failures(loadgenerator, 'MR-INIT-NETWORK');
      expect(init.field).toBe('spec.template.spec.initContainers[0]');
      expect(init.message).toContain('Init container frontend-check');
      expect(init.message).toContain('calls the network');
      expect(failures(loadgenerator, 'MR-SERVICE-ASSOCIATION')).toHaveLength(1);
    });

    it('has app labels but no version labels on its 12 Deployments', () => {
      expect(set().byName.size).toBe(12);
      for (const assessment of set().byName.values()) {
        expect(failures(assessment, 'MR-LABEL-APP')).toEqual([]);
        expect(failures(assessment, 'MR-LABEL-VERSION')).toHaveLength(1);
      }
    });

    it('keeps frontend probes working under Istio (rewriteAppHTTPProbers is "true")', () => {
      expect(failures(get(set(), 'frontend'), 'MR-HTTP-PROBES')).toEqual([]);
    });
  });

  describe('emojivoto', () => {
    const set = lazy(() => load('emojivoto'));

    it('reports the kustomization file (not a Kubernetes object) as a parse finding', () => {
      expect(set().findings).toHaveLength(1);
      expect(set().findings[0].file).toMatch(/kustomization\.yml$/);
    });

    it('has a prom port with no protocol Istio recognises', () => {
      const prom = failures(get(set(), 'emoji'), 'MR-PORT-PROTOCOL').filter(f =>
        f.message.includes('"prom"'),
      );
      expect(prom).toHaveLength(1);
      expect(prom[0]).toMatchObject({
        object: { kind: 'Service', name: 'emoji-svc' },
        field: 'spec.ports[1].name',
      });
      expect(prom[0].meshes).toContain('istio-sidecar');
    });

    it('has vote-bot without a Service', () => {
      expect(
        failures(get(set(), 'vote-bot'), 'MR-SERVICE-ASSOCIATION'),
      ).toHaveLength(1);
    });
  });

  describe('AWS App Mesh walkthroughs', () => {
    it.each([
      'howto-k8s-http-headers',
      'howto-k8s-retry-policy',
      'howto-k8s-mtls-file-based',
    ])('%s is detected as App Mesh and must migrate', walkthrough => {
      const set = load(`appmesh-howto/${walkthrough}`);
      expect(set.byName.size).toBeGreaterThan(1);
      for (const assessment of set.byName.values()) {
        expect(assessment.stage).toBe('must-migrate');
        expect(assessment.workloads[0].detection).toMatchObject({
          mesh: 'aws-app-mesh',
          state: 'enrolled',
        });
        expect(assessment.workloads[0].detection.evidence[0].source).toBe(
          'Namespace ${APP_NAMESPACE} label appmesh.k8s.aws/sidecarInjectorWebhook=enabled',
        );
        expect(failures(assessment, 'MR-EOL-MESH')).toHaveLength(1);
        expect(failures(assessment, 'MR-APPMESH-VN')).toEqual([]);
      }
    });

    it('reads listener TLS STRICT from the mTLS walkthrough VirtualNodes', () => {
      const set = load('appmesh-howto/howto-k8s-mtls-file-based');
      expect(get(set, 'blue').workloads[0].detection.mtls.mode).toBe('strict');
    });
  });

  describe('Kuma counter demo', () => {
    it('base.yaml is not in a mesh', () => {
      expect(
        get(load('kuma-counter-demo/base.yaml'), 'demo-app').workloads[0]
          .detection.mesh,
      ).toBe('none');
    });

    it('000-with-kuma.yaml is enrolled in Kuma by its namespace label', () => {
      const set = load('kuma-counter-demo/000-with-kuma.yaml');
      for (const assessment of set.byName.values()) {
        const detection = assessment.workloads[0].detection;
        expect(detection).toMatchObject({ mesh: 'kuma', state: 'enrolled' });
        expect(detection.evidence).toContainEqual({
          kind: 'intent',
          mesh: 'kuma',
          source: 'Namespace kuma-demo label kuma.io/sidecar-injection=enabled',
        });
        expect(assessment.stage).toBe('onboarding');
      }
    });

    it('001-with-mtls.yaml turns on builtin mTLS through the legacy Mesh.mtls', () => {
      const detection = get(load('kuma-counter-demo/001-with-mtls.yaml'), 'kv')
        .workloads[0].detection;
      expect(detection.mtls).toEqual({
        mode: 'strict',
        source: 'Mesh default spec.mtls.enabledBackend ca-1 mode STRICT',
      });
    });

    it('003-migration-demo.yaml opts its namespace out', () => {
      expect(
        get(load('kuma-counter-demo/003-migration-demo.yaml'), 'kv')
          .workloads[0].detection.state,
      ).toBe('opted-out');
    });
  });

  describe('Consul HashiCups', () => {
    const set = lazy(() => load('consul-hashicups'));

    it('enrols every Deployment through the connect-inject pod annotation', () => {
      expect(set().byName.size).toBe(6);
      for (const assessment of set().byName.values()) {
        const detection = assessment.workloads[0].detection;
        expect(detection).toMatchObject({
          mesh: 'consul',
          state: 'enrolled',
          mtls: { mode: 'strict' },
        });
        expect(detection.evidence[0].source).toMatch(
          /pod template annotation consul\.hashicorp\.com\/connect-inject=true$/,
        );
        expect(failures(assessment, 'MR-CONSUL-SA-NAME')).toEqual([]);
      }
    });

    it('does not call PostgreSQL on product-api-db server-first (issue 12: its clients speak first)', () => {
      expect(failures(get(set(), 'product-api-db'), 'MR-SERVER-FIRST')).toEqual(
        [],
      );
    });
  });
});
