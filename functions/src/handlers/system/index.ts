import { config } from '../../config.js';
import { contextHandler } from '../../http/route-handler.js';
import getHealth from './get-health.js';
import getOpenapi from './get-openapi.js';
import runSweeps from './run-sweeps.js';

export const handler = contextHandler([getHealth, getOpenapi, runSweeps], config.stage);
