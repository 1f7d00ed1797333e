import { config } from '../../config.js';
import { contextHandler } from '../../http/route-handler.js';
import { open311Routes } from '../../routes/open311.js';
import createOpen311Key from './create-open311-key.js';
import createOpen311Request from './create-open311-request.js';
import getOpen311Request from './get-open311-request.js';
import listOpen311Requests from './list-open311-requests.js';
import listOpen311Services from './list-open311-services.js';

export const handler = contextHandler(
  open311Routes,
  [createOpen311Key, listOpen311Services, listOpen311Requests, createOpen311Request, getOpen311Request],
  config.stage,
);
