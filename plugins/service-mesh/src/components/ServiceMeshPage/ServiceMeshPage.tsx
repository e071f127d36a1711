import {
  Header,
  Page,
  SupportButton,
  TabbedLayout,
} from '@backstage/core-components';
import { ComparisonTab } from '../Comparison';
import { OperationsTab } from '../Operations';
import { ScorecardTab } from '../Scorecard';
import { TasksTab } from '../Tasks';

/** The Service Mesh page of the portal. */
export function ServiceMeshPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Service Mesh"
        subtitle="Compare meshes, track adoption and plan migrations"
      >
        <SupportButton>
          Meshwise assesses every service's Kubernetes workloads for mesh
          readiness, compares the meshes and tracks adoption.
        </SupportButton>
      </Header>
      <TabbedLayout>
        <TabbedLayout.Route path="/scorecard" title="Scorecard">
          <ScorecardTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/tasks" title="Tasks">
          <TasksTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/comparison" title="Comparison">
          <ComparisonTab />
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/operations" title="Operations">
          <OperationsTab />
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
