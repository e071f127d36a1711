import { createFrontendModule } from '@backstage/frontend-plugin-api';
import {
  NavContentBlueprint,
  SignInPageBlueprint,
} from '@backstage/plugin-app-react';
import { Sidebar } from './nav';
import { meshChecksEntityCard } from './techInsights';

/** Guest sign-in: the demo backend's `guest` auth provider. */
const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => {
      const { SignInPage } = await import('@backstage/core-components');
      return props => <SignInPage {...props} providers={['guest']} />;
    },
  },
});

/** The sidebar, from the nav items of the installed plugins' pages. */
const navContent = NavContentBlueprint.make({
  params: { component: Sidebar },
});

/**
 * What the demo adds to the app plugin: its sign-in page, its sidebar and the
 * Tech Insights mesh checks card on a service's overview.
 * Everything else comes from the plugins that feature discovery installs
 * (`app.packages: all` in app-config.yaml).
 */
export const appModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage, navContent, meshChecksEntityCard],
});
