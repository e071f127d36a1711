import { MESH_DISPLAY_NAMES } from './meshes';
import { MIGRATION_TARGETS } from './migrationTargets';
import { isTaskTarget, TASK_TARGETS, taskTargetLabel } from './taskTargets';

describe('TASK_TARGETS', () => {
  it('lists the plan targets, then the App Mesh exits without a plan', () => {
    expect(TASK_TARGETS).toEqual([
      'istio-sidecar',
      'istio-ambient',
      'linkerd',
      'consul',
      'kuma',
      'cilium',
      'gateway-api',
      'ecs-service-connect',
      'vpc-lattice',
    ]);
    expect(isTaskTarget('vpc-lattice')).toBe(true);
    expect(isTaskTarget('aws-app-mesh')).toBe(false);
  });

  it('names every target once, the same way as the plans and the knowledge base', () => {
    expect(taskTargetLabel('gateway-api')).toBe(
      'Amazon VPC Lattice (Gateway API)',
    );
    expect(taskTargetLabel('vpc-lattice')).toBe('Amazon VPC Lattice');
    expect(taskTargetLabel('aws-app-mesh')).toBe('AWS App Mesh');
    expect(taskTargetLabel('something-else')).toBe('something-else');
    // A plan target that is a mesh carries the mesh's display name: the
    // labels of the plans and of the knowledge base cannot disagree.
    const meshTargets = MIGRATION_TARGETS.filter(
      t => t.id in MESH_DISPLAY_NAMES,
    );
    expect(meshTargets.length).toBeGreaterThan(0);
    expect(meshTargets.map(t => t.label)).toEqual(
      meshTargets.map(
        t => MESH_DISPLAY_NAMES[t.id as keyof typeof MESH_DISPLAY_NAMES],
      ),
    );
  });
});
