CREATE TABLE "standard_values" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"area_id" integer NOT NULL,
	"area_path" text NOT NULL,
	"value" numeric(14, 2) NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"note" text NOT NULL,
	"user_id" integer,
	"username" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "standard_values" ADD CONSTRAINT "standard_values_area_id_areas_id_fk" FOREIGN KEY ("area_id") REFERENCES "public"."areas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "standard_values" ADD CONSTRAINT "standard_values_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "standard_values_key_idx" ON "standard_values" USING btree ("key","area_path","effective_from");