import {
  MeshEntry,
  MeshKnowledgeBase,
} from '@meshwise/backstage-plugin-service-mesh-common';
import { discontinuedMeshes, toServiceMeshFacts } from './toServiceMeshFacts';
import {
  assessment,
  assessmentResponse,
  detection,
  scores,
} from './__testUtils__/assessmentFixtures';

const DISCONTINUED = new Set(['aws-app-mesh', 'osm']);

describe('toServiceMeshFacts', () => {
  it('publishes every fact of a service on a mesh', () => {
    expect(toServiceMeshFacts(assessmentResponse(), DISCONTINUED)).toEqual({
      adoptionStage: 'secured',
      mesh: 'istio-sidecar',
      dataPlaneMode: 'sidecar',
      mtlsMode: 'strict',
      staleProxies: 1,
      blockingFindings: 0,
      readinessScore: 100,
      onDiscontinuedMesh: false,
      readinessIstioSidecar: 100,
      readinessIstioAmbient: 40,
      readinessLinkerd: 40,
      readinessConsul: 40,
      readinessKuma: 40,
      readinessCilium: 40,
      targetMesh: 'istio-sidecar',
      targetMeshReadiness: 100,
      readyForTargetMesh: true,
    });
  });

  it('publishes nothing for an entity without an assessment', () => {
    expect(
      toServiceMeshFacts(
        assessmentResponse({
          configured: false,
          stage: 'not-assessed',
          mesh: null,
          score: null,
          assessment: null,
        }),
        DISCONTINUED,
      ),
    ).toBeUndefined();
  });

  it('publishes only the stage when no workload matched', () => {
    const none = assessment({ detections: [], stage: 'not-assessed' });
    expect(
      toServiceMeshFacts(
        assessmentResponse({
          stage: 'not-assessed',
          mesh: null,
          score: null,
          assessment: none,
        }),
        DISCONTINUED,
      ),
    ).toEqual({ adoptionStage: 'not-assessed' });
  });

  it('names the mesh none and leaves out a missing score', () => {
    const facts = toServiceMeshFacts(
      assessmentResponse({
        stage: 'blocked',
        mesh: null,
        score: null,
        assessment: assessment({
          detections: [detection('none', 'none')],
          meshes: [],
          mtls: { mode: 'off', strictWorkloads: 0 },
          staleProxies: 0,
        }),
      }),
      DISCONTINUED,
    );
    expect(facts).toMatchObject({
      mesh: 'none',
      dataPlaneMode: 'none',
      mtlsMode: 'off',
      onDiscontinuedMesh: false,
    });
    expect(facts).not.toHaveProperty('readinessScore');
  });

  it('says mixed when workloads reach the mesh in different ways', () => {
    const facts = toServiceMeshFacts(
      assessmentResponse({
        assessment: assessment({
          detections: [
            detection('istio-sidecar', 'native-sidecar'),
            detection('istio-ambient', 'ambient'),
            detection('none', 'none'),
          ],
        }),
      }),
      DISCONTINUED,
    );
    expect(facts?.dataPlaneMode).toBe('mixed');
  });

  it('flags a mesh the workload is only enrolled in or leaving', () => {
    const facts = toServiceMeshFacts(
      assessmentResponse({
        stage: 'must-migrate',
        assessment: assessment({ meshes: ['istio-sidecar', 'aws-app-mesh'] }),
      }),
      DISCONTINUED,
    );
    expect(facts?.onDiscontinuedMesh).toBe(true);
  });

  it('reads the target from the stored scores when readiness is absent', () => {
    const facts = toServiceMeshFacts(
      assessmentResponse({
        targetMesh: 'linkerd',
        readiness: undefined,
        assessment: assessment({
          scores: scores(mesh => (mesh === 'linkerd' ? 100 : 55)),
        }),
      }),
      DISCONTINUED,
    );
    expect(facts).toMatchObject({
      readinessLinkerd: 100,
      readinessIstioSidecar: 55,
      targetMesh: 'linkerd',
      targetMeshReadiness: 100,
      readyForTargetMesh: true,
    });
  });

  it('publishes no target facts without a target mesh', () => {
    const facts = toServiceMeshFacts(
      assessmentResponse({ targetMesh: undefined }),
      DISCONTINUED,
    );
    expect(facts).toHaveProperty('readinessIstioSidecar', 100);
    expect(facts).not.toHaveProperty('targetMesh');
    expect(facts).not.toHaveProperty('targetMeshReadiness');
    expect(facts).not.toHaveProperty('readyForTargetMesh');
  });
});

describe('discontinuedMeshes', () => {
  const entry = (id: string, status: string) =>
    ({ id, lifecycle: { status } } as unknown as MeshEntry);

  it('takes discontinued and archived entries, as overridden', () => {
    const knowledgeBase: MeshKnowledgeBase = {
      capabilities: [],
      entries: [
        entry('istio-sidecar', 'active'),
        entry('consul', 'deprecated'),
        entry('aws-app-mesh', 'discontinued'),
        entry('osm', 'archived'),
        // An organisation marking a mesh discontinued in app-config.
        entry('kuma', 'discontinued'),
      ],
    };
    expect([...discontinuedMeshes(knowledgeBase)].sort()).toEqual([
      'aws-app-mesh',
      'kuma',
      'osm',
    ]);
  });
});
