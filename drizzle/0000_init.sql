CREATE TABLE "sessions" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"area_id" integer NOT NULL,
	"department" text,
	"phone" text,
	"can_reveal_ids" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"last_login_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "area_code_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"area_id" integer NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"valid_from" date,
	"valid_to" date NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "areas" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"level" text NOT NULL,
	"parent_id" integer,
	"path" text NOT NULL,
	"city_key_village" boolean DEFAULT false NOT NULL,
	"provincial_key_village" boolean DEFAULT false NOT NULL,
	"water_scarce" boolean DEFAULT false NOT NULL,
	"valid_from" date DEFAULT '1980-01-01' NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"username" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"area_path" text,
	"old_values" jsonb,
	"new_values" jsonb,
	"detail" jsonb,
	"batch" text,
	"household_id" integer,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "demo_planted_problems" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"household_id" integer,
	"member_id" integer,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "households" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_no" text NOT NULL,
	"area_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"type" text NOT NULL,
	"poverty_attribute" text DEFAULT 'general' NOT NULL,
	"main_cause" text,
	"secondary_cause" text,
	"contact_phone" text,
	"lifted_year" integer,
	"helper_name" text,
	"helper_unit" text,
	"helper_phone" text,
	"food_secure" boolean,
	"clothing_secure" boolean,
	"housing_area" numeric(8, 2),
	"housing_structure" text,
	"housing_grade" text,
	"housing_appraised_on" date,
	"housing_exemption" text,
	"water_source" text,
	"water_quantity_lpd" numeric(6, 1),
	"water_piped_to_yard" boolean,
	"water_fetch_minutes" numeric(5, 1),
	"water_guarantee_rate" numeric(5, 2),
	"water_quality_ok" boolean,
	"sanitary_toilet" boolean,
	"electricity" boolean,
	"hardened_road" boolean,
	"land_cultivated" numeric(10, 2),
	"land_forest" numeric(10, 2),
	"land_grass" numeric(10, 2),
	"registered_on" date,
	"ended_on" date,
	"end_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incomes" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"wage" numeric(14, 2) DEFAULT '0' NOT NULL,
	"business" numeric(14, 2) DEFAULT '0' NOT NULL,
	"property" numeric(14, 2) DEFAULT '0' NOT NULL,
	"transfer" numeric(14, 2) DEFAULT '0' NOT NULL,
	"production_cost" numeric(14, 2) DEFAULT '0' NOT NULL,
	"medical_self_pay" numeric(14, 2) DEFAULT '0' NOT NULL,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "member_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"member_id" integer NOT NULL,
	"kind" text NOT NULL,
	"occurred_on" date NOT NULL,
	"note" text,
	"recorded_by" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "members" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"name" text NOT NULL,
	"id_number" text NOT NULL,
	"sex" text NOT NULL,
	"birth_date" date NOT NULL,
	"relation" text NOT NULL,
	"ethnicity" text DEFAULT 'han' NOT NULL,
	"education" text,
	"school_status" text,
	"not_in_school_reason" text,
	"health" text,
	"disability_kind" text,
	"disability_grade" text,
	"disability_cert_no" text,
	"labour_ability" text,
	"employment_place" text,
	"employer" text,
	"monthly_wage" numeric(14, 2),
	"medical_insurance" text,
	"critical_illness_insured" boolean,
	"pension_insured" boolean,
	"family_doctor" boolean,
	"dibao" boolean DEFAULT false NOT NULL,
	"tekun" boolean DEFAULT false NOT NULL,
	"welfare_post" boolean DEFAULT false NOT NULL,
	"phone" text,
	"joined_on" date NOT NULL,
	"ended_on" date,
	"end_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_code_history" ADD CONSTRAINT "area_code_history_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "households" ADD CONSTRAINT "households_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incomes" ADD CONSTRAINT "incomes_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_events" ADD CONSTRAINT "member_events_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_events" ADD CONSTRAINT "member_events_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member_events" ADD CONSTRAINT "member_events_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "users_area_idx" ON "users" USING btree ("area_id");--> statement-breakpoint
CREATE UNIQUE INDEX "areas_code_valid_from_uq" ON "areas" USING btree ("code","valid_from");--> statement-breakpoint
CREATE INDEX "areas_path_idx" ON "areas" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "areas_parent_idx" ON "areas" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "audit_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE INDEX "audit_user_idx" ON "audit_log" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "audit_household_idx" ON "audit_log" USING btree ("household_id","id");--> statement-breakpoint
CREATE INDEX "audit_area_idx" ON "audit_log" USING btree ("area_path" text_pattern_ops);--> statement-breakpoint
CREATE UNIQUE INDEX "households_no_uq" ON "households" USING btree ("household_no");--> statement-breakpoint
CREATE INDEX "households_no_prefix_idx" ON "households" USING btree ("household_no" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "households_path_idx" ON "households" USING btree ("area_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "households_area_idx" ON "households" USING btree ("area_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incomes_household_period_uq" ON "incomes" USING btree ("household_id","period_start","period_end");--> statement-breakpoint
CREATE INDEX "member_events_household_idx" ON "member_events" USING btree ("household_id","occurred_on");--> statement-breakpoint
CREATE INDEX "members_household_idx" ON "members" USING btree ("household_id");--> statement-breakpoint
CREATE INDEX "members_id_number_idx" ON "members" USING btree ("id_number" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "members_name_idx" ON "members" USING btree ("name" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "members_path_idx" ON "members" USING btree ("area_path" text_pattern_ops);