CREATE TABLE "monitoring_attachments" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"step_id" integer,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"user_id" integer,
	"username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_cases" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"category" text NOT NULL,
	"risk_types" text[] NOT NULL,
	"disaster_kind" text,
	"other_note" text,
	"identified_on" date NOT NULL,
	"income_at_identification" numeric(14, 2) NOT NULL,
	"source" text NOT NULL,
	"warning_id" integer,
	"finding_id" integer,
	"status" text DEFAULT 'in_procedure' NOT NULL,
	"step" text,
	"opened_on" date NOT NULL,
	"included_on" date,
	"elimination_proposed_on" date,
	"eliminated_on" date,
	"rejected_on" date,
	"reject_reason" text,
	"safety_net_since" date,
	"override_reason" text,
	"override_by_name" text,
	"override_at" timestamp with time zone,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"case_id" integer NOT NULL,
	"phase" text NOT NULL,
	"step" text NOT NULL,
	"outcome" text NOT NULL,
	"performed_on" date NOT NULL,
	"note" text,
	"notice_start" date,
	"notice_end" date,
	"checks" jsonb,
	"override_reason" text,
	"user_id" integer,
	"username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "monitoring_warnings" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"source" text NOT NULL,
	"finding_id" integer,
	"campaign_response_id" integer,
	"detail" text NOT NULL,
	"department" text,
	"status" text DEFAULT 'open' NOT NULL,
	"dismiss_reason" text,
	"case_id" integer,
	"created_by" integer,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" integer,
	"resolved_by_name" text,
	"resolved_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "monitoring_attachments" ADD CONSTRAINT "monitoring_attachments_case_id_monitoring_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."monitoring_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_attachments" ADD CONSTRAINT "monitoring_attachments_step_id_monitoring_steps_id_fk" FOREIGN KEY ("step_id") REFERENCES "public"."monitoring_steps"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_attachments" ADD CONSTRAINT "monitoring_attachments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_cases" ADD CONSTRAINT "monitoring_cases_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_cases" ADD CONSTRAINT "monitoring_cases_warning_id_monitoring_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."monitoring_warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_cases" ADD CONSTRAINT "monitoring_cases_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_cases" ADD CONSTRAINT "monitoring_cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_steps" ADD CONSTRAINT "monitoring_steps_case_id_monitoring_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."monitoring_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_steps" ADD CONSTRAINT "monitoring_steps_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_warnings" ADD CONSTRAINT "monitoring_warnings_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_warnings" ADD CONSTRAINT "monitoring_warnings_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_warnings" ADD CONSTRAINT "monitoring_warnings_case_id_monitoring_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."monitoring_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_warnings" ADD CONSTRAINT "monitoring_warnings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "monitoring_warnings" ADD CONSTRAINT "monitoring_warnings_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "monitoring_attachments_case_idx" ON "monitoring_attachments" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "monitoring_cases_one_open_uq" ON "monitoring_cases" USING btree ("household_id") WHERE "monitoring_cases"."status" IN ('in_procedure', 'monitored', 'eliminating');--> statement-breakpoint
CREATE INDEX "monitoring_cases_path_idx" ON "monitoring_cases" USING btree ("area_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "monitoring_cases_household_idx" ON "monitoring_cases" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "monitoring_steps_case_idx" ON "monitoring_steps" USING btree ("case_id","id");--> statement-breakpoint
CREATE INDEX "monitoring_warnings_path_idx" ON "monitoring_warnings" USING btree ("area_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "monitoring_warnings_household_idx" ON "monitoring_warnings" USING btree ("household_id");
