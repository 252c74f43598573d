CREATE UNLOGGED TABLE "import_households" (
	"job_id" integer NOT NULL,
	"hh_key" text NOT NULL,
	"first_seq" integer NOT NULL,
	"head_seq" integer,
	"row_count" integer NOT NULL,
	"household_id" integer,
	"household_no" text,
	"area_id" integer,
	"area_path" text,
	"area_seq" integer,
	"area_given" text,
	"given_area_id" integer,
	"given_level" text,
	"state" text,
	CONSTRAINT "import_households_job_id_hh_key_pk" PRIMARY KEY("job_id","hh_key")
);
--> statement-breakpoint
CREATE TABLE "import_issues" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"job_id" integer NOT NULL,
	"phase" text NOT NULL,
	"sheet" text NOT NULL,
	"row_number" integer NOT NULL,
	"seq" integer,
	"column" text,
	"field" text,
	"value" text,
	"severity" text NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"message_en" text NOT NULL,
	"related_sheet" text,
	"related_row" integer
);
--> statement-breakpoint
CREATE TABLE "import_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"file_name" text NOT NULL,
	"file_size" integer NOT NULL,
	"file_path" text NOT NULL,
	"format" text,
	"status" text NOT NULL,
	"mode" text,
	"user_id" integer NOT NULL,
	"username" text NOT NULL,
	"area_path" text NOT NULL,
	"options" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"layout" jsonb,
	"progress" jsonb,
	"summary" jsonb,
	"samples" jsonb,
	"registry_mark" bigint,
	"result" jsonb,
	"failure" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNLOGGED TABLE "import_members" (
	"job_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"hh_key" text,
	"member_id" integer,
	"state" text NOT NULL,
	CONSTRAINT "import_members_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
CREATE UNLOGGED TABLE "import_rows" (
	"job_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"sheet" text NOT NULL,
	"row_number" integer NOT NULL,
	"hh_key" text,
	"row_error" boolean DEFAULT false NOT NULL,
	"household_no" text,
	"area_code" text,
	"county_name" text,
	"township_name" text,
	"village_name" text,
	"head_name" text,
	"head_id_number" text,
	"household_size" integer,
	"type" text,
	"poverty_attribute" text,
	"main_cause" text,
	"secondary_cause" text,
	"housing_grade" text,
	"contact_phone" text,
	"helper_name" text,
	"helper_unit" text,
	"helper_phone" text,
	"name" text,
	"id_number" text,
	"relation" text,
	"sex" text,
	"birth_date" date,
	"ethnicity" text,
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
	"employment_months" integer,
	"monthly_wage" numeric(14, 2),
	"medical_insurance" text,
	"critical_illness_insured" boolean,
	"pension_insured" boolean,
	"dibao" boolean,
	"tekun" boolean,
	"welfare_post" boolean,
	"phone" text,
	CONSTRAINT "import_rows_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
CREATE TABLE "import_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"header_row_count" integer NOT NULL,
	"columns" jsonb NOT NULL,
	"user_id" integer NOT NULL,
	"username" text NOT NULL,
	"area_path" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "employment_months" integer;--> statement-breakpoint
ALTER TABLE "import_jobs" ADD CONSTRAINT "import_jobs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_templates" ADD CONSTRAINT "import_templates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_households_hh_idx" ON "import_households" USING btree ("job_id","household_id");--> statement-breakpoint
CREATE INDEX "import_issues_job_idx" ON "import_issues" USING btree ("job_id","sheet","row_number");--> statement-breakpoint
CREATE INDEX "import_issues_seq_idx" ON "import_issues" USING btree ("job_id","seq");--> statement-breakpoint
CREATE INDEX "import_jobs_user_idx" ON "import_jobs" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "import_jobs_area_idx" ON "import_jobs" USING btree ("area_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "import_rows_key_idx" ON "import_rows" USING btree ("job_id","hh_key");--> statement-breakpoint
CREATE INDEX "import_rows_id_idx" ON "import_rows" USING btree ("job_id","id_number");--> statement-breakpoint
CREATE UNIQUE INDEX "import_templates_name_uq" ON "import_templates" USING btree ("kind","area_path","name");