import { config } from '../../config.js';
import { contextHandler } from '../../http/route-handler.js';
import { systemRoutes } from '../../routes/system.js';
import getHealth from './get-health.js';
import getOpenapi from './get-openapi.js';
import runSweeps from './run-sweeps.js';

export const handler = contextHandler(systemRoutes, [getHealth, getOpenapi, runSweeps], config.stage);
