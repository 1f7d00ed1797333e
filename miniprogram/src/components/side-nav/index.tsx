import type { Membership, Role } from '@linli/shared';
import { hasAnyRole, STAFF_ROLES } from '@linli/shared/rules';
import { Text, View } from '@tarojs/components';
import { useMe } from '@/hooks/use-me';
import { go, PAGES, withQuery } from '@/navigation';
import './index.scss';

interface NavEntry {
  label: string;
  path: string;
  /** Staff entries carry the community they work in. */
  communityId?: string;
  /** Street entries carry their street. */
  streetId?: string;
  /** Unit entries carry their unit. */
  unitId?: string;
}

const TAB_ENTRIES: NavEntry[] = [
  { label: '首页', path: PAGES.home },
  { label: '意见箱', path: PAGES.feedback },
  { label: '积分', path: PAGES.points },
  { label: '我的', path: PAGES.mine },
];

/** The staff and admin pages the roles open, as the workbench and 我的 offer them. */
function staffEntries(membership: Membership | undefined): NavEntry[] {
  if (!membership) return [];
  const communityId = membership.communityId;
  const can = (roles: Role[]) => hasAnyRole(membership.roles, roles);
  const entries: NavEntry[] = [{ label: '工作台', path: PAGES.workbench, communityId }];
  if (can(['grid_worker', 'property_staff', 'admin']))
    entries.push({ label: '意见箱工作', path: PAGES.feedbackQueue, communityId });
  if (can(['admin']))
    entries.push(
      { label: '住户审核', path: PAGES.householdReview, communityId },
      { label: '意见箱统计', path: PAGES.feedbackStats, communityId },
    );
  return entries;
}

/**
 * The desktop's navigation (H5, ≥ 1024 px), in place of the tab bar: the tab pages, then the
 * staff and admin pages the person's roles allow in the first community they work in.
 */
export function SideNav({ currentPath }: { currentPath: string }) {
  const { me } = useMe();
  const staff = me?.memberships.find((m) => hasAnyRole(m.roles, STAFF_ROLES));
  const work = staffEntries(staff);
  // One 街道工作台 per street the person administers; they may have no community membership at all.
  const streets = (me?.streets ?? []).filter((s) => s.roles.includes('street_admin'));
  const units = (me?.units ?? []).filter((u) => u.roles.includes('unit_staff'));

  const item = (entry: NavEntry) => {
    const current = entry.path === currentPath;
    return (
      <View
        key={`${entry.path}:${entry.streetId ?? ''}${entry.unitId ?? ''}`}
        className={`side-nav__item${current ? ' side-nav__item--current' : ''}`}
        data-path={entry.path}
        aria-current={current ? 'page' : undefined}
        hoverClass="side-nav__item--pressed"
        onClick={() => {
          if (!current)
            go(
              withQuery(entry.path, { communityId: entry.communityId, streetId: entry.streetId, unitId: entry.unitId }),
            );
        }}
      >
        <Text className="side-nav__label">{entry.label}</Text>
      </View>
    );
  };

  return (
    <View className="side-nav" aria-label="导航">
      <Text className="side-nav__brand">邻里</Text>
      <View className="side-nav__group">{TAB_ENTRIES.map(item)}</View>
      {work.length > 0 && (
        <View className="side-nav__group">
          <Text className="side-nav__heading">{`社区工作 · ${staff?.communityName ?? ''}`}</Text>
          {work.map(item)}
        </View>
      )}
      {streets.map((s) => (
        <View key={s.streetId} className="side-nav__group">
          <Text className="side-nav__heading">{`街道工作 · ${s.streetName}`}</Text>
          {item({ label: '街道工作台', path: PAGES.streetDashboard, streetId: s.streetId })}
          {item({ label: '吹哨案件', path: PAGES.streetEscalations, streetId: s.streetId })}
          {item({ label: '单位管理', path: PAGES.streetUnits, streetId: s.streetId })}
        </View>
      ))}
      {units.map((u) => (
        <View key={u.unitId} className="side-nav__group">
          <Text className="side-nav__heading">{`单位工作 · ${u.unitName}`}</Text>
          {item({ label: '单位工作台', path: PAGES.unitQueue, unitId: u.unitId })}
        </View>
      ))}
    </View>
  );
}
