-- Agreement of each member's ID number (公民身份号码, GB 11643) with itself and with the birth date and sex, kept as
-- stored generated columns: the rule catalogue reads them for every member on every run, and computing the check
-- character there cost about a second per run at city scale on PGlite. Not in the Drizzle schema (src/modules/
-- registry/schema.ts): only the rule engine reads them (src/domain/rules/fields.ts), with raw SQL.
ALTER TABLE "members" ADD COLUMN "id_check_ok" boolean GENERATED ALWAYS AS (
	id_number ~ '^[0-9]{17}[0-9X]$' AND substr('10X98765432', (substr(id_number, 1, 1)::int * 7 + substr(id_number, 2, 1)::int * 9 + substr(id_number, 3, 1)::int * 10 + substr(id_number, 4, 1)::int * 5 + substr(id_number, 5, 1)::int * 8 + substr(id_number, 6, 1)::int * 4 + substr(id_number, 7, 1)::int * 2 + substr(id_number, 8, 1)::int * 1 + substr(id_number, 9, 1)::int * 6 + substr(id_number, 10, 1)::int * 3 + substr(id_number, 11, 1)::int * 7 + substr(id_number, 12, 1)::int * 9 + substr(id_number, 13, 1)::int * 10 + substr(id_number, 14, 1)::int * 5 + substr(id_number, 15, 1)::int * 8 + substr(id_number, 16, 1)::int * 4 + substr(id_number, 17, 1)::int * 2) % 11 + 1, 1) = substr(id_number, 18, 1)
) STORED;
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "id_birth_ok" boolean GENERATED ALWAYS AS (
	substr(id_number, 7, 8) = lpad((extract(year FROM birth_date) * 10000 + extract(month FROM birth_date) * 100 + extract(day FROM birth_date))::int::text, 8, '0')
) STORED;
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "id_sex_ok" boolean GENERATED ALWAYS AS (
	CASE WHEN substr(id_number, 17, 1) ~ '^[0-9]$' THEN (substr(id_number, 17, 1)::int % 2 = 1) = (sex = 'male') ELSE false END
) STORED;
