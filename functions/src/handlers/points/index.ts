import { config } from '../../config.js';
import { contextHandler } from '../../http/route-handler.js';
import cancelRedemption from './cancel-redemption.js';
import creditWeighIn from './credit-weigh-in.js';
import fulfilRedemption from './fulfil-redemption.js';
import getMemberCode from './get-member-code.js';
import getPoints from './get-points.js';
import listLedger from './list-ledger.js';
import listMyRedemptions from './list-my-redemptions.js';
import listRewards from './list-rewards.js';
import redeemAtCounter from './redeem-at-counter.js';
import reserveRewards from './reserve-rewards.js';

export const handler = contextHandler(
  [
    getPoints,
    getMemberCode,
    listLedger,
    creditWeighIn,
    listRewards,
    reserveRewards,
    listMyRedemptions,
    redeemAtCounter,
    fulfilRedemption,
    cancelRedemption,
  ],
  config.stage,
);
