/**
 * The service-mesh plugin for Backstage's new frontend system. As Backstage
 * 1.57's own plugins do, the package root keeps the legacy exports and this
 * entry point default-exports the plugin, which feature discovery
 * (`app.packages`) installs.
 *
 * @packageDocumentation
 */

import { serviceMeshPlugin } from './plugin';

export { serviceMeshPlugin };
export default serviceMeshPlugin;
