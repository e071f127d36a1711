import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Meshwise service-mesh plugins. */
  serviceMesh?: {
    /**
     * When the scanner assesses the catalog. Defaults to every 30 minutes,
     * starting shortly after the backend starts.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
  };
}
