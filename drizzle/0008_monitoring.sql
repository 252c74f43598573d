-- placeholder until this migration is written; squashed with drizzle-kit generate before release
SELECT 1;
