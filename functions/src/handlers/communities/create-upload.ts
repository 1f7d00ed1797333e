import { createStreetUpload, createUpload } from '../../domain/communities/uploads.js';
import { defineRoute } from '../../http/route-handler.js';
import { deps } from './deps.js';

export default defineRoute('POST /v1/uploads', async ({ caller, body }) => createUpload(deps(), caller.userId, body));

export const createStreetUploadRoute = defineRoute('POST /v1/streets/{streetId}/uploads', async ({ params, body }) =>
  createStreetUpload(deps(), params.streetId, body),
);
