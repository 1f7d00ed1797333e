import * as z from 'zod';
import zhCN from 'zod/v4/locales/zh-CN.js';

// Messages a schema does not spell out itself come in Chinese too.
z.config(zhCN());
