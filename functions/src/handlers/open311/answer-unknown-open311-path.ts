import { NotFoundError } from '@linli/shared';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { defineRoute } from '../../http/route-handler.js';

/** The specification's 404 for any other path under /open311/v2 (the stack writes it in the path's format). */
const unknown = async ({ event }: { event: APIGatewayProxyEventV2 }): Promise<never> => {
  throw new NotFoundError('OPEN311_PATH_NOT_FOUND', `没有这个接口：${event.rawPath}`);
};

export default [defineRoute('GET /open311/v2/{path+}', unknown), defineRoute('POST /open311/v2/{path+}', unknown)];
