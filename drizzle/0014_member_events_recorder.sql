-- Who recorded a member event is kept as a user id without a foreign key, as the audit trail keeps it: accounts are
-- never deleted (only deactivated), so the key guarded nothing, while it cost a lookup and a row lock on the user for
-- every event, and an import of a roster writes one event per new member (a tenth of a CSV commit's time).
ALTER TABLE "member_events" DROP CONSTRAINT IF EXISTS "member_events_recorded_by_users_id_fk";
