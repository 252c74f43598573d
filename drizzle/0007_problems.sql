ALTER TABLE "findings" ADD COLUMN "workflow_state" text DEFAULT 'pending' NOT NULL;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "workflow_action" text;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "workflow_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "deadline" date;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "false_rectification" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "county_id" integer;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_county_id_areas_id_fk" FOREIGN KEY ("county_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "findings_workflow_idx" ON "findings" USING btree ("workflow_state","deadline");--> statement-breakpoint
CREATE INDEX "findings_county_idx" ON "findings" USING btree ("county_id","department");--> statement-breakpoint
UPDATE "findings" f SET "county_id" = a."id" FROM "areas" a WHERE a."level" = 'county' AND f."area_path" LIKE a."path" || '%';--> statement-breakpoint
CREATE TABLE "problem_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"finding_id" integer NOT NULL,
	"action" text NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"reason" text,
	"deadline" date,
	"evidence" text,
	"run_id" integer,
	"batch" text,
	"user_id" integer,
	"username" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "problem_attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"finding_id" integer NOT NULL,
	"event_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" bytea NOT NULL,
	"user_id" integer,
	"username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "area_supervisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"area_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"reason" text NOT NULL,
	"started_by" integer,
	"started_by_name" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by" integer,
	"lifted_by_name" text,
	"lift_reason" text
);
--> statement-breakpoint
CREATE TABLE "recheck_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"area_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"department" text,
	"sample_size" integer,
	"sample_percent" integer,
	"eligible" integer NOT NULL,
	"drawn" integer NOT NULL,
	"user_id" integer,
	"username" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "recheck_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"batch_id" integer NOT NULL,
	"finding_id" integer NOT NULL,
	"result" text,
	"note" text,
	"checked_by" integer,
	"checked_by_name" text,
	"checked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "problem_events" ADD CONSTRAINT "problem_events_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_events" ADD CONSTRAINT "problem_events_run_id_rule_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."rule_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_events" ADD CONSTRAINT "problem_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_attachments" ADD CONSTRAINT "problem_attachments_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_attachments" ADD CONSTRAINT "problem_attachments_event_id_problem_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."problem_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "problem_attachments" ADD CONSTRAINT "problem_attachments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_supervisions" ADD CONSTRAINT "area_supervisions_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_supervisions" ADD CONSTRAINT "area_supervisions_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_supervisions" ADD CONSTRAINT "area_supervisions_lifted_by_users_id_fk" FOREIGN KEY ("lifted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recheck_batches" ADD CONSTRAINT "recheck_batches_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recheck_batches" ADD CONSTRAINT "recheck_batches_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recheck_items" ADD CONSTRAINT "recheck_items_batch_id_recheck_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."recheck_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recheck_items" ADD CONSTRAINT "recheck_items_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recheck_items" ADD CONSTRAINT "recheck_items_checked_by_users_id_fk" FOREIGN KEY ("checked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "problem_events_finding_idx" ON "problem_events" USING btree ("finding_id","id");--> statement-breakpoint
CREATE INDEX "problem_events_action_at_idx" ON "problem_events" USING btree ("action","at");--> statement-breakpoint
CREATE INDEX "problem_attachments_finding_idx" ON "problem_attachments" USING btree ("finding_id");--> statement-breakpoint
CREATE UNIQUE INDEX "area_supervisions_active_uq" ON "area_supervisions" USING btree ("area_id") WHERE "area_supervisions"."lifted_at" IS NULL;--> statement-breakpoint
CREATE INDEX "area_supervisions_path_idx" ON "area_supervisions" USING btree ("area_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "recheck_items_batch_finding_uq" ON "recheck_items" USING btree ("batch_id","finding_id");--> statement-breakpoint
CREATE INDEX "recheck_items_finding_idx" ON "recheck_items" USING btree ("finding_id");
