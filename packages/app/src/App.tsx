import { createApp } from '@backstage/frontend-defaults';
import { appModule } from './modules/appModule';

/**
 * The demo app, on the New Frontend System. The plugins are not listed here:
 * feature discovery (`app.packages: all` in app-config.yaml) installs every
 * frontend plugin among this package's dependencies, from its `/alpha` export
 * when it has one (the catalog, the catalog graph, org, user settings,
 * notifications, the Scaffolder and Service Mesh). This adds the demo's
 * sign-in page, sidebar and Tech Insights mesh checks card.
 */
export function createDemoApp() {
  return createApp({ features: [appModule] });
}

export default createDemoApp().createRoot();
