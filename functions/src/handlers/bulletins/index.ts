import { config } from '../../config.js';
import { contextHandler } from '../../http/route-handler.js';
import { bulletinsRoutes } from '../../routes/bulletins.js';
import * as routes from './handlers.js';

export const handler = contextHandler(bulletinsRoutes, Object.values(routes), config.stage);
