/** The street office's figures (街道工作台): every community of a street compared, and one community's months. */
import type { StreetFigures } from '@linli/shared';
import { type CsvFile, call, named } from './api';

export const street = {
  figures: (streetId: string, from: string, to: string, communityId?: string): Promise<StreetFigures> =>
    call('GET /v1/streets/{streetId}/figures', {
      params: { streetId },
      query: communityId ? { from, to, communityId } : { from, to },
    }),
  figuresCsv: async (streetId: string, from: string, to: string): Promise<CsvFile> =>
    named(
      await call('GET /v1/streets/{streetId}/figures.csv', {
        params: { streetId },
        query: { from, to },
        accept: 'text/csv',
      }),
      `街道统计-${from}-${to}.csv`,
    ),
};
