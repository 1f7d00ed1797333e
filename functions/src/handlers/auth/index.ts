import { config } from '../../config.js';
import { contextHandler } from '../../http/route-handler.js';
import { authRoutes } from '../../routes/auth.js';
import deleteMe from './delete-me.js';
import exportMe from './export-me.js';
import getMe from './get-me.js';
import listPersonas from './list-personas.js';
import signInDev from './sign-in-dev.js';
import signInWechat from './sign-in-wechat.js';

export const handler = contextHandler(
  authRoutes,
  [signInWechat, listPersonas, signInDev, getMe, exportMe, deleteMe],
  config.stage,
);
