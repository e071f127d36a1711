/**
 * The service-mesh plugin for Backstage's new frontend system.
 *
 * @packageDocumentation
 */

import { serviceMeshPlugin } from './plugin';

export { serviceMeshPlugin };
export default serviceMeshPlugin;
