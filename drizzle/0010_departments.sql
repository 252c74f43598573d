CREATE TABLE "dept_snapshots" (
	"id" serial PRIMARY KEY NOT NULL,
	"dataset_type" text NOT NULL,
	"department" text NOT NULL,
	"as_of" date NOT NULL,
	"status" text NOT NULL,
	"file_name" text NOT NULL,
	"area_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"user_id" integer,
	"username" text NOT NULL,
	"note" text,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"progress" jsonb,
	"error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"committed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dept_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"snapshot_id" integer NOT NULL,
	"sheet" text NOT NULL,
	"row_number" integer NOT NULL,
	"id_number" text,
	"id_raw" text,
	"name" text NOT NULL,
	"sex" text,
	"birth_date" date,
	"village_name" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"as_of" date NOT NULL,
	"member_id" integer,
	"household_id" integer,
	"area_path" text NOT NULL,
	"match_status" text NOT NULL,
	"match_score" numeric(4, 3),
	"match_reasons" text[] DEFAULT '{}'::text[] NOT NULL,
	"matched_by" text,
	"matched_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dept_match_candidates" (
	"id" serial PRIMARY KEY NOT NULL,
	"record_id" bigint NOT NULL,
	"member_id" integer NOT NULL,
	"rank" integer NOT NULL,
	"score" numeric(4, 3) NOT NULL,
	"reasons" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dept_snapshot_issues" (
	"id" serial PRIMARY KEY NOT NULL,
	"snapshot_id" integer NOT NULL,
	"sheet" text NOT NULL,
	"row_number" integer NOT NULL,
	"column" text,
	"field" text,
	"value" text,
	"code" text NOT NULL,
	"reason" text NOT NULL,
	"reason_zh" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dept_snapshots" ADD CONSTRAINT "dept_snapshots_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dept_snapshots" ADD CONSTRAINT "dept_snapshots_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dept_records" ADD CONSTRAINT "dept_records_snapshot_id_dept_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."dept_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dept_records" ADD CONSTRAINT "dept_records_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dept_match_candidates" ADD CONSTRAINT "dept_match_candidates_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dept_snapshot_issues" ADD CONSTRAINT "dept_snapshot_issues_snapshot_id_dept_snapshots_id_fk" FOREIGN KEY ("snapshot_id") REFERENCES "public"."dept_snapshots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dept_snapshots_type_idx" ON "dept_snapshots" USING btree ("dataset_type","status","as_of");--> statement-breakpoint
CREATE INDEX "dept_records_snapshot_member_idx" ON "dept_records" USING btree ("snapshot_id","member_id");--> statement-breakpoint
CREATE INDEX "dept_records_snapshot_status_idx" ON "dept_records" USING btree ("snapshot_id","match_status");--> statement-breakpoint
CREATE INDEX "dept_records_member_idx" ON "dept_records" USING btree ("member_id");--> statement-breakpoint
CREATE INDEX "dept_match_candidates_record_idx" ON "dept_match_candidates" USING btree ("record_id","rank");--> statement-breakpoint
CREATE INDEX "dept_snapshot_issues_snapshot_idx" ON "dept_snapshot_issues" USING btree ("snapshot_id","row_number");--> statement-breakpoint
CREATE INDEX "members_birth_idx" ON "members" USING btree ("birth_date");
--> statement-breakpoint
ALTER TABLE "rule_runs" ADD COLUMN "departments" text[];
