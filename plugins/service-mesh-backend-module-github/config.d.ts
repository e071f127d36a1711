export interface Config {
  serviceMesh?: {
    tasks?: {
      /**
       * Also open a GitHub issue for each migration task filed, in the
       * repository of the entity's backstage.io/source-location, with the
       * credentials of the `integrations.github` configuration. The issue URL
       * is kept on the task; a failure is reported on the task, which is kept.
       * Present (even empty) turns it on.
       */
      github?: {
        /** Default true when the block is present. */
        enabled?: boolean;
        /** Labels of the issues. Default: service-mesh. */
        labels?: string[];
      };
    };
  };
}
