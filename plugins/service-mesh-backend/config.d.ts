import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  /** Configuration of the Meshwise service-mesh plugins. */
  serviceMesh?: {
    /**
     * When the scanner assesses the catalog. Defaults to every 30 minutes,
     * starting shortly after the backend starts.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;

    /**
     * Corrections and additions to the built-in mesh knowledge base. Checked
     * when the backend starts; an invalid key stops the start with an error
     * that names it. Overridden cells are marked as such in the UI.
     */
    knowledgeBase?: {
      overrides?: Array<{
        /** A knowledge-base entry id, e.g. `linkerd`. */
        mesh: string;
        /** A capability id, e.g. `mirroring`. */
        capability: string;
        value: 'supported' | 'partial' | 'not-supported' | 'unknown';
        note: string;
        source: { title: string; url: string };
        /** YYYY-MM-DD */
        checkedOn: string;
      }>;
      /** Whole entries to add or replace (same shape as the built-in ones). */
      entries?: Array<{ [key: string]: any }>;
    };
  };
}
