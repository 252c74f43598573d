import { z } from 'zod';

export const idParam = z.object({ id: z.coerce.number().int().positive() });
export const paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
export const exportFormat = z.enum(['xlsx', 'csv']).default('xlsx');
