import { config } from '../../config.js';
import { contextHandler } from '../../http/route-handler.js';
import { feedbackRoutes } from '../../routes/feedback.js';
import actAsStreet from './act-as-street.js';
import actAsUnit from './act-as-unit.js';
import actOnFeedback from './act-on-feedback.js';
import enterOfflineFeedback from './enter-offline-feedback.js';
import getBoard from './get-board.js';
import getDemand from './get-demand.js';
import getDemandCsv from './get-demand-csv.js';
import getFeedback from './get-feedback.js';
import getFeedbackStats from './get-feedback-stats.js';
import getFeedbackStatsCsv from './get-feedback-stats-csv.js';
import getStreetFeedback from './get-street-feedback.js';
import getUnit from './get-unit.js';
import getUnitFeedback from './get-unit-feedback.js';
import inviteToUnit from './invite-to-unit.js';
import joinUnit from './join-unit.js';
import listFeedbackQueue from './list-feedback-queue.js';
import listMyFeedback from './list-my-feedback.js';
import listSimilarFeedback from './list-similar-feedback.js';
import listStaff from './list-staff.js';
import listStreetEscalations from './list-street-escalations.js';
import listStreetUnits from './list-street-units.js';
import listUnitInvites from './list-unit-invites.js';
import listUnitMembers from './list-unit-members.js';
import listUnitQueue from './list-unit-queue.js';
import listUnits from './list-units.js';
import recordFollowUp from './record-follow-up.js';
import removeUnitMember from './remove-unit-member.js';
import revokeUnitInvite from './revoke-unit-invite.js';
import saveUnit from './save-unit.js';
import submitFeedback from './submit-feedback.js';

export const handler = contextHandler(
  feedbackRoutes,
  [
    submitFeedback,
    enterOfflineFeedback,
    listMyFeedback,
    listSimilarFeedback,
    getBoard,
    listFeedbackQueue,
    getFeedback,
    actOnFeedback,
    recordFollowUp,
    listStaff,
    getFeedbackStats,
    getFeedbackStatsCsv,
    getDemand,
    getDemandCsv,
    listUnits,
    getUnit,
    listUnitQueue,
    getUnitFeedback,
    actAsUnit,
    listStreetEscalations,
    listStreetUnits,
    getStreetFeedback,
    actAsStreet,
    saveUnit,
    inviteToUnit,
    listUnitInvites,
    revokeUnitInvite,
    listUnitMembers,
    removeUnitMember,
    joinUnit,
  ],
  config.stage,
);
