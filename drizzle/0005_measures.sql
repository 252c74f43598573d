CREATE TABLE "gap_plan_households" (
	"plan_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"size" integer NOT NULL,
	"projected_net" numeric(14, 2) NOT NULL,
	"standard" numeric(14, 2) NOT NULL,
	"per_capita_before" numeric(14, 2) NOT NULL,
	"gap" numeric(14, 2) NOT NULL,
	"value" numeric(14, 2) DEFAULT '0' NOT NULL,
	"closed" boolean NOT NULL,
	"reason" text,
	"reason_text" text,
	CONSTRAINT "gap_plan_households_plan_id_household_id_pk" PRIMARY KEY("plan_id","household_id")
);
--> statement-breakpoint
CREATE TABLE "gap_plan_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"household_id" integer NOT NULL,
	"member_id" integer,
	"area_path" text NOT NULL,
	"kind" text NOT NULL,
	"resource" text NOT NULL,
	"resource_name" text NOT NULL,
	"units" integer DEFAULT 1 NOT NULL,
	"value" numeric(14, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gap_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"area_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"reference_on" date NOT NULL,
	"measures_start_on" date NOT NULL,
	"resources" jsonb NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"solution" jsonb NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"created_by" integer,
	"created_by_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"accepted_by" integer,
	"accepted_by_name" text,
	"accepted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" serial PRIMARY KEY NOT NULL,
	"household_id" integer NOT NULL,
	"member_id" integer,
	"area_path" text NOT NULL,
	"kind" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date,
	"yearly_value" numeric(14, 2),
	"responsible_unit" text,
	"note" text,
	"source" text DEFAULT 'manual' NOT NULL,
	"plan_id" integer,
	"end_reason" text,
	"created_by" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "gap_plan_households" ADD CONSTRAINT "gap_plan_households_plan_id_gap_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."gap_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_plan_households" ADD CONSTRAINT "gap_plan_households_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_plan_items" ADD CONSTRAINT "gap_plan_items_plan_id_gap_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."gap_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_plan_items" ADD CONSTRAINT "gap_plan_items_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_plan_items" ADD CONSTRAINT "gap_plan_items_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_plans" ADD CONSTRAINT "gap_plans_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_plans" ADD CONSTRAINT "gap_plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_plans" ADD CONSTRAINT "gap_plans_accepted_by_users_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_plan_id_gap_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."gap_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gap_plan_items_plan_idx" ON "gap_plan_items" USING btree ("plan_id","household_id");--> statement-breakpoint
CREATE INDEX "gap_plans_path_idx" ON "gap_plans" USING btree ("area_path" text_pattern_ops,"id");--> statement-breakpoint
CREATE INDEX "measures_household_idx" ON "measures" USING btree ("household_id","start_on");--> statement-breakpoint
CREATE INDEX "measures_path_idx" ON "measures" USING btree ("area_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "measures_plan_idx" ON "measures" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "measures_member_idx" ON "measures" USING btree ("member_id");