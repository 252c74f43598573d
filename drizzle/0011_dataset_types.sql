CREATE TABLE "dept_dataset_types" (
	"code" text PRIMARY KEY NOT NULL,
	"department" text NOT NULL,
	"zh" text NOT NULL,
	"en" text NOT NULL,
	"description" text NOT NULL,
	"columns" jsonb NOT NULL,
	"user_id" integer,
	"username" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dept_dataset_types" ADD CONSTRAINT "dept_dataset_types_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;