CREATE TABLE "rule_exemptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule_code" text NOT NULL,
	"household_id" integer NOT NULL,
	"member_id" integer,
	"area_path" text NOT NULL,
	"reason" text NOT NULL,
	"approved_by" integer NOT NULL,
	"approved_by_name" text NOT NULL,
	"approved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_until" date,
	"revoked_by" integer,
	"revoked_by_name" text,
	"revoked_at" timestamp with time zone,
	"revoke_reason" text
);
--> statement-breakpoint
CREATE TABLE "rule_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule_code" text NOT NULL,
	"version" integer NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"severity" text NOT NULL,
	"subject" text NOT NULL,
	"department" text NOT NULL,
	"population_zh" text NOT NULL,
	"explanation_zh" text NOT NULL,
	"applies_to" text,
	"condition" text NOT NULL,
	"shape" text,
	"note" text NOT NULL,
	"origin" text NOT NULL,
	"user_id" integer,
	"username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"previewed_at" timestamp with time zone,
	"preview_count" integer,
	"preview_area_id" integer,
	"preview_reference_date" date
);
--> statement-breakpoint
CREATE TABLE "rules" (
	"code" text PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"current_version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL,
	"updated_by" integer,
	"updated_by_name" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finding_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"finding_id" integer NOT NULL,
	"run_id" integer,
	"kind" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"user_id" integer,
	"username" text,
	"note" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule_code" text NOT NULL,
	"rule_version" integer NOT NULL,
	"household_id" integer NOT NULL,
	"member_id" integer,
	"area_path" text NOT NULL,
	"status" text NOT NULL,
	"evidence" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"severity" text NOT NULL,
	"department" text NOT NULL,
	"first_run_id" integer NOT NULL,
	"last_run_id" integer NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"reopened_count" integer DEFAULT 0 NOT NULL,
	"exemption_id" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNLOGGED TABLE "rule_run_hits" (
	"run_id" integer NOT NULL,
	"rule_code" text NOT NULL,
	"household_id" integer NOT NULL,
	"member_id" integer,
	"area_path" text NOT NULL,
	"evidence" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rule_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"rule_code" text,
	"area_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"reference_date" date NOT NULL,
	"user_id" integer,
	"username" text NOT NULL,
	"rule_codes" text[] DEFAULT '{}'::text[] NOT NULL,
	"rules_total" integer DEFAULT 0 NOT NULL,
	"phase" text,
	"rules_done" integer DEFAULT 0 NOT NULL,
	"failed_rules" integer DEFAULT 0 NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"per_rule" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error" jsonb,
	"evaluate_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "rule_exemptions" ADD CONSTRAINT "rule_exemptions_rule_code_rules_code_fk" FOREIGN KEY ("rule_code") REFERENCES "public"."rules"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_exemptions" ADD CONSTRAINT "rule_exemptions_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_exemptions" ADD CONSTRAINT "rule_exemptions_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_exemptions" ADD CONSTRAINT "rule_exemptions_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_exemptions" ADD CONSTRAINT "rule_exemptions_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_versions" ADD CONSTRAINT "rule_versions_rule_code_rules_code_fk" FOREIGN KEY ("rule_code") REFERENCES "public"."rules"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_versions" ADD CONSTRAINT "rule_versions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_versions" ADD CONSTRAINT "rule_versions_preview_area_id_areas_id_fk" FOREIGN KEY ("preview_area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_events" ADD CONSTRAINT "finding_events_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_events" ADD CONSTRAINT "finding_events_run_id_rule_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."rule_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_events" ADD CONSTRAINT "finding_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_rule_code_rules_code_fk" FOREIGN KEY ("rule_code") REFERENCES "public"."rules"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_first_run_id_rule_runs_id_fk" FOREIGN KEY ("first_run_id") REFERENCES "public"."rule_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_last_run_id_rule_runs_id_fk" FOREIGN KEY ("last_run_id") REFERENCES "public"."rule_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_exemption_id_rule_exemptions_id_fk" FOREIGN KEY ("exemption_id") REFERENCES "public"."rule_exemptions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_runs" ADD CONSTRAINT "rule_runs_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_runs" ADD CONSTRAINT "rule_runs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "rule_exemptions_record_idx" ON "rule_exemptions" USING btree ("rule_code","household_id");--> statement-breakpoint
CREATE INDEX "rule_exemptions_path_idx" ON "rule_exemptions" USING btree ("area_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "rule_versions_code_version_uq" ON "rule_versions" USING btree ("rule_code","version");--> statement-breakpoint
CREATE INDEX "finding_events_finding_idx" ON "finding_events" USING btree ("finding_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_key_uq" ON "findings" USING btree ("rule_code","household_id",coalesce("member_id", 0));--> statement-breakpoint
CREATE INDEX "findings_path_idx" ON "findings" USING btree ("area_path" text_pattern_ops,"rule_code");--> statement-breakpoint
CREATE INDEX "findings_rule_status_idx" ON "findings" USING btree ("rule_code","status");--> statement-breakpoint
CREATE INDEX "findings_household_idx" ON "findings" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "rule_run_hits_rule_idx" ON "rule_run_hits" USING btree ("run_id","rule_code");--> statement-breakpoint
CREATE INDEX "rule_runs_area_idx" ON "rule_runs" USING btree ("area_path" text_pattern_ops,"id");
