export interface Config {
  /** Configuration of the Meshwise service-mesh plugins. */
  serviceMesh?: {
    /**
     * The Scaffolder template the Migration card's "Open a pull request with
     * this plan" opens, with the service and the target filled in. Default
     * `template:default/move-service-to-mesh`, the template of
     * `@meshwise/backstage-plugin-scaffolder-backend-module-service-mesh`;
     * `false` (or empty) for an app without the Scaffolder.
     * @visibility frontend
     */
    scaffolderTemplate?: string | false;
  };
}
