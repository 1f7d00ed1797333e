/** API answers shared by the weapp page tests: 春晖社区 and 王秀英's approved home there. */
import { defaultCommunitySettings } from '@linli/shared/rules';

export const COMMUNITY = {
  communityId: 'chunhui',
  name: '春晖社区',
  district: '临江区',
  street: '长河街道',
  estates: [{ estateId: 'chunhui-yuan', name: '春晖苑' }],
  grids: [{ gridId: 'chunhui-g1', estateId: 'chunhui-yuan', name: '第一网格' }],
  buildings: [{ buildingId: 'chy-b3', estateId: 'chunhui-yuan', gridId: 'chunhui-g1', name: '3幢', units: 3 }],
  stations: [],
  settings: defaultCommunitySettings(),
};

export const HOUSEHOLD = {
  householdId: 'h-wang',
  communityId: 'chunhui',
  userId: 'u-wang',
  applicantName: '王秀英',
  estateId: 'chunhui-yuan',
  buildingId: 'chy-b3',
  unit: 2,
  room: '502',
  relation: 'owner',
  address: '春晖苑 3幢 2单元 502',
  status: 'approved',
  requestedAt: '2026-11-01T00:00:00.000Z',
  decidedAt: '2026-11-02T00:00:00.000Z',
  decidedBy: 'u-admin',
  rejectReason: null,
};
