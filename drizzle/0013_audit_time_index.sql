-- The audit trail is listed newest first by id (its primary key); the time only bounds a search ("from … to …").
-- Entries are appended in time order, so a BRIN index over the time does that job at a fraction of a B-tree's cost
-- per entry, which counts when an import writes one entry per member. The (user_id, at) index was read by no query
-- (searches filter by user name) and only cost writes.
DROP INDEX IF EXISTS "audit_user_idx";
--> statement-breakpoint
DROP INDEX IF EXISTS "audit_at_idx";
--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING brin ("at");
