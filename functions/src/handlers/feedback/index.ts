import { config } from '../../config.js';
import { contextHandler } from '../../http/route-handler.js';
import { feedbackRoutes } from '../../routes/feedback.js';
import actOnFeedback from './act-on-feedback.js';
import enterOfflineFeedback from './enter-offline-feedback.js';
import getBoard from './get-board.js';
import getDemand from './get-demand.js';
import getDemandCsv from './get-demand-csv.js';
import getFeedback from './get-feedback.js';
import getFeedbackStats from './get-feedback-stats.js';
import getFeedbackStatsCsv from './get-feedback-stats-csv.js';
import listFeedbackQueue from './list-feedback-queue.js';
import listMyFeedback from './list-my-feedback.js';
import listSimilarFeedback from './list-similar-feedback.js';
import listStaff from './list-staff.js';
import recordFollowUp from './record-follow-up.js';
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
  ],
  config.stage,
);
