import { config } from '../../config.js';
import { contextHandler } from '../../http/route-handler.js';
import * as routes from './handlers.js';

export const handler = contextHandler(Object.values(routes), config.stage);
