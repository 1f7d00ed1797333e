import { config } from '../../config.js';
import { contextHandler } from '../../http/route-handler.js';
import { open311Routes } from '../../routes/open311.js';
import answerUnknownOpen311Path from './answer-unknown-open311-path.js';
import createOpen311Key from './create-open311-key.js';
import createOpen311Request from './create-open311-request.js';
import getOpen311Discovery from './get-open311-discovery.js';
import getOpen311Request from './get-open311-request.js';
import getOpen311ServiceDefinition from './get-open311-service-definition.js';
import listOpen311Requests from './list-open311-requests.js';
import listOpen311Services from './list-open311-services.js';
import { writeOpen311Xml } from './xml.js';

export const handler = contextHandler(
  open311Routes,
  [
    createOpen311Key,
    ...getOpen311Discovery,
    ...listOpen311Services,
    getOpen311ServiceDefinition,
    ...listOpen311Requests,
    ...createOpen311Request,
    getOpen311Request,
    ...answerUnknownOpen311Path,
  ],
  config.stage,
  { xml: writeOpen311Xml },
);
