import { config } from '../../config.js';
import { contextHandler } from '../../http/route-handler.js';
import { communitiesRoutes } from '../../routes/communities.js';
import approveHousehold from './approve-household.js';
import createUpload, { createStreetUploadRoute } from './create-upload.js';
import getCommunity from './get-community.js';
import getStreetFigures from './get-street-figures.js';
import getStreetFiguresCsv from './get-street-figures-csv.js';
import getWorkbench from './get-workbench.js';
import listCommunities from './list-communities.js';
import listHouseholds from './list-households.js';
import rejectHousehold from './reject-household.js';
import requestHousehold from './request-household.js';
import updateSettings from './update-settings.js';

export const handler = contextHandler(
  communitiesRoutes,
  [
    listCommunities,
    getCommunity,
    updateSettings,
    requestHousehold,
    listHouseholds,
    approveHousehold,
    rejectHousehold,
    createUpload,
    createStreetUploadRoute,
    getWorkbench,
    getStreetFigures,
    getStreetFiguresCsv,
  ],
  config.stage,
);
