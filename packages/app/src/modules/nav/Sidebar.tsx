import { makeStyles } from '@material-ui/core';
import GroupIcon from '@material-ui/icons/People';
import MenuIcon from '@material-ui/icons/Menu';
import {
  Link,
  Sidebar as BackstageSidebar,
  sidebarConfig,
  SidebarDivider,
  SidebarGroup,
  SidebarItem,
  SidebarScrollWrapper,
  SidebarSpace,
  useSidebarOpenState,
} from '@backstage/core-components';
import {
  NavContentComponentProps,
  NavContentNavItem,
} from '@backstage/plugin-app-react';
import { NotificationsSidebarItem } from '@backstage/plugin-notifications';
import { MyGroupsSidebarItem } from '@backstage/plugin-org';
import { UserSettingsSignInAvatar } from '@backstage/plugin-user-settings';
import LogoFull from './LogoFull';
import LogoIcon from './LogoIcon';

const useSidebarLogoStyles = makeStyles({
  root: {
    width: sidebarConfig.drawerWidthClosed,
    height: 3 * sidebarConfig.logoHeight,
    display: 'flex',
    flexFlow: 'row nowrap',
    alignItems: 'center',
    marginBottom: -14,
  },
  link: {
    width: sidebarConfig.drawerWidthClosed,
    marginLeft: 24,
  },
});

const SidebarLogo = () => {
  const classes = useSidebarLogoStyles();
  const { isOpen } = useSidebarOpenState();

  return (
    <div className={classes.root}>
      <Link to="/" underline="none" className={classes.link} aria-label="Home">
        {isOpen ? <LogoFull /> : <LogoIcon />}
      </Link>
    </div>
  );
};

/** A page's nav item: its title and icon, linking to the page. */
const NavItem = ({ href, title, icon }: NavContentNavItem) => (
  <SidebarItem to={href} text={title} icon={() => icon} />
);

/**
 * The demo's sidebar. The app lists a nav item for every page that has a
 * title and an icon (the catalog, Service Mesh, Create, Notifications,
 * Settings...); this places the demo's own first, then whatever other
 * installed plugin brings a page, and keeps Notifications (with its unread
 * count) and Settings (with the user's avatar) at the bottom, as the app
 * template's sidebar does.
 */
export const Sidebar = ({ navItems }: NavContentComponentProps) => {
  const notifications = navItems.take('page:notifications');
  const settings = navItems.take('page:user-settings');
  const items = navItems.withComponent(NavItem);

  return (
    <BackstageSidebar>
      <SidebarLogo />
      <SidebarDivider />
      <SidebarGroup label="Menu" icon={<MenuIcon />}>
        {items.take('page:catalog')}
        <MyGroupsSidebarItem
          singularTitle="My Group"
          pluralTitle="My Groups"
          icon={GroupIcon}
        />
        {items.take('page:service-mesh')}
        {items.take('page:scaffolder')}
        <SidebarDivider />
        <SidebarScrollWrapper>
          {items.rest({ sortBy: 'title' })}
        </SidebarScrollWrapper>
      </SidebarGroup>
      <SidebarSpace />
      <SidebarDivider />
      {notifications && <NotificationsSidebarItem />}
      {settings && (
        <SidebarGroup
          label={settings.title}
          icon={<UserSettingsSignInAvatar />}
          to={settings.href}
        >
          <NavItem {...settings} />
        </SidebarGroup>
      )}
    </BackstageSidebar>
  );
};
