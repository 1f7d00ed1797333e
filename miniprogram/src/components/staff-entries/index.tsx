import type { Role, StreetMembership, UnitMembership } from '@linli/shared';
import { hasAnyRole, STAFF_ROLES } from '@linli/shared/rules';
import { Cell, CellGroup } from '@nutui/nutui-react-taro';
import { go, PAGES, withQuery } from '@/navigation';

interface StaffEntriesProps {
  communityId: string;
  /** Names the community when the person works in more than one. */
  communityName?: string;
  roles: readonly Role[];
}

/** The ways into the staff and admin subpackages; only people holding those roles see them. */
export function StaffEntries({ communityId, communityName, roles }: StaffEntriesProps) {
  if (!hasAnyRole(roles, STAFF_ROLES)) return null;
  const query = `?communityId=${encodeURIComponent(communityId)}`;
  const isAdmin = hasAnyRole(roles, ['admin']);
  return (
    <CellGroup title={communityName ? `社区工作 · ${communityName}` : '社区工作'}>
      <Cell
        className="entry-workbench"
        clickable
        title="工作台"
        description="您在社区的工作事项"
        extra="进入"
        isLast={!isAdmin}
        onClick={() => go(`${PAGES.workbench}${query}`)}
      />
      {isAdmin && (
        <Cell
          className="entry-household-review"
          clickable
          title="住户审核（管理）"
          description="审核居民的房屋绑定申请"
          extra="进入"
          isLast
          onClick={() => go(`${PAGES.householdReview}${query}`)}
        />
      )}
    </CellGroup>
  );
}

/** 街道工作台 for a street admin (one per street); the person may hold no community role at all. */
export function StreetEntry({ street }: { street: StreetMembership }) {
  if (!street.roles.includes('street_admin')) return null;
  return (
    <CellGroup title={`街道工作 · ${street.streetName}`}>
      <Cell
        className="entry-street-dashboard"
        clickable
        title="街道工作台"
        description="各社区意见、积分、公告数据对比"
        extra="进入"
        onClick={() => go(withQuery(PAGES.streetDashboard, { streetId: street.streetId }))}
      />
      <Cell
        className="entry-street-escalations"
        clickable
        title="吹哨案件"
        description="社区上报街道的案件，派给部门处理"
        extra="进入"
        onClick={() => go(withQuery(PAGES.streetEscalations, { streetId: street.streetId }))}
      />
      <Cell
        className="entry-street-units"
        clickable
        title="单位管理"
        description="街道部门和共建单位：服务社区、邀请成员"
        extra="进入"
        isLast
        onClick={() => go(withQuery(PAGES.streetUnits, { streetId: street.streetId }))}
      />
    </CellGroup>
  );
}

/** 单位工作台 for a unit's member: the reports dispatched to their unit (部门报到). */
export function UnitEntry({ unit }: { unit: UnitMembership }) {
  if (!unit.roles.includes('unit_staff')) return null;
  return (
    <CellGroup title={`单位工作 · ${unit.unitName}`}>
      <Cell
        className="entry-unit-queue"
        clickable
        title="单位工作台"
        description="社区和街道派给本单位的反映"
        extra="进入"
        isLast
        onClick={() => go(withQuery(PAGES.unitQueue, { unitId: unit.unitId }))}
      />
    </CellGroup>
  );
}
