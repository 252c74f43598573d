CREATE TABLE "cadres" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"unit" text,
	"phone" text,
	"user_id" integer,
	"area_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cadre_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"cadre_id" integer NOT NULL,
	"role" text NOT NULL,
	"household_id" integer,
	"area_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"end_reason" text,
	"approved_by" integer,
	"approved_by_name" text,
	"approved_at" timestamp with time zone,
	"approval_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_lock_periods" (
	"id" serial PRIMARY KEY NOT NULL,
	"area_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"note" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_visits" (
	"id" serial PRIMARY KEY NOT NULL,
	"cadre_id" integer NOT NULL,
	"household_id" integer,
	"area_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"visited_on" date NOT NULL,
	"method" text NOT NULL,
	"findings" text,
	"follow_up" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_name" text
);
--> statement-breakpoint
CREATE TABLE "duty_visit_photos" (
	"visit_id" integer PRIMARY KEY NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"data" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "duty_campaigns" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"template" text,
	"questions" jsonb NOT NULL,
	"area_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"population" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date,
	"closed" boolean DEFAULT false NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by_name" text
);
--> statement-breakpoint
CREATE TABLE "duty_campaign_tasks" (
	"id" serial PRIMARY KEY NOT NULL,
	"campaign_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"cadre_id" integer,
	"answers" jsonb,
	"risky" boolean DEFAULT false NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" integer,
	"done_by_name" text,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cadres" ADD CONSTRAINT "cadres_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadres" ADD CONSTRAINT "cadres_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadres" ADD CONSTRAINT "cadres_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_assignments" ADD CONSTRAINT "cadre_assignments_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_assignments" ADD CONSTRAINT "cadre_assignments_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_assignments" ADD CONSTRAINT "cadre_assignments_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_assignments" ADD CONSTRAINT "cadre_assignments_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cadre_assignments" ADD CONSTRAINT "cadre_assignments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_lock_periods" ADD CONSTRAINT "duty_lock_periods_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_lock_periods" ADD CONSTRAINT "duty_lock_periods_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_visits" ADD CONSTRAINT "duty_visits_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_visits" ADD CONSTRAINT "duty_visits_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_visits" ADD CONSTRAINT "duty_visits_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_visits" ADD CONSTRAINT "duty_visits_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_visit_photos" ADD CONSTRAINT "duty_visit_photos_visit_id_duty_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."duty_visits"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_campaigns" ADD CONSTRAINT "duty_campaigns_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_campaigns" ADD CONSTRAINT "duty_campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_campaign_tasks" ADD CONSTRAINT "duty_campaign_tasks_campaign_id_duty_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."duty_campaigns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_campaign_tasks" ADD CONSTRAINT "duty_campaign_tasks_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_campaign_tasks" ADD CONSTRAINT "duty_campaign_tasks_cadre_id_cadres_id_fk" FOREIGN KEY ("cadre_id") REFERENCES "public"."cadres"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duty_campaign_tasks" ADD CONSTRAINT "duty_campaign_tasks_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cadres_path_idx" ON "cadres" USING btree ("area_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "cadres_user_uq" ON "cadres" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "cadre_assignments_path_idx" ON "cadre_assignments" USING btree ("area_path" text_pattern_ops,"role");--> statement-breakpoint
CREATE INDEX "cadre_assignments_cadre_idx" ON "cadre_assignments" USING btree ("cadre_id");--> statement-breakpoint
CREATE INDEX "cadre_assignments_household_idx" ON "cadre_assignments" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "duty_lock_periods_path_idx" ON "duty_lock_periods" USING btree ("area_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "duty_visits_path_idx" ON "duty_visits" USING btree ("area_path" text_pattern_ops,"visited_on");--> statement-breakpoint
CREATE INDEX "duty_visits_household_idx" ON "duty_visits" USING btree ("household_id","visited_on");--> statement-breakpoint
CREATE INDEX "duty_visits_cadre_idx" ON "duty_visits" USING btree ("cadre_id","visited_on");--> statement-breakpoint
CREATE INDEX "duty_campaigns_path_idx" ON "duty_campaigns" USING btree ("area_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "duty_campaign_tasks_uq" ON "duty_campaign_tasks" USING btree ("campaign_id","household_id");--> statement-breakpoint
CREATE INDEX "duty_campaign_tasks_path_idx" ON "duty_campaign_tasks" USING btree ("area_path" text_pattern_ops,"campaign_id");--> statement-breakpoint
CREATE INDEX "duty_campaign_tasks_cadre_idx" ON "duty_campaign_tasks" USING btree ("cadre_id");
