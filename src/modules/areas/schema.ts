import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * Administrative areas: city → county → township (乡镇/街道) → village (村/社区).
 * `path` is the chain of area ids ("/1/4/37/912/"), so "everything under X" is one `LIKE 'X.path%'` on an index.
 * Ids, not codes, make the path: codes change (茌平县 371523 became 茌平区 371503 in 2019) and the path must not.
 */
export const areas = pgTable(
  'areas',
  {
    id: serial('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    level: text('level').notNull(),
    parentId: integer('parent_id'),
    path: text('path').notNull(),
    /** 市级扶贫工作重点村 */
    cityKeyVillage: boolean('city_key_village').notNull().default(false),
    /** 省扶贫工作重点村 */
    provincialKeyVillage: boolean('provincial_key_village').notNull().default(false),
    /** Water-scarce areas get the lower water-quantity threshold. */
    waterScarce: boolean('water_scarce').notNull().default(false),
    validFrom: date('valid_from').notNull().default(sql`'1980-01-01'`),
    validTo: date('valid_to'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('areas_code_valid_from_uq').on(t.code, t.validFrom),
    index('areas_path_idx').on(t.path.op('text_pattern_ops')),
    index('areas_parent_idx').on(t.parentId),
  ],
);

/** Former codes of an area, so old documents and ID numbers issued under them still resolve. */
export const areaCodeHistory = pgTable('area_code_history', {
  id: serial('id').primaryKey(),
  areaId: integer('area_id')
    .notNull()
    .references(() => areas.id),
  code: text('code').notNull(),
  name: text('name').notNull(),
  validFrom: date('valid_from'),
  validTo: date('valid_to').notNull(),
  note: text('note'),
});
