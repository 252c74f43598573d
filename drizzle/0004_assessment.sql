CREATE TABLE "household_assessments" (
	"household_id" integer NOT NULL,
	"reference_date" date NOT NULL,
	"area_path" text NOT NULL,
	"food_clothing" text NOT NULL,
	"education" text NOT NULL,
	"medical" text NOT NULL,
	"housing" text NOT NULL,
	"water" text NOT NULL,
	"income" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"any_unmet" boolean NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "household_assessments_household_id_reference_date_pk" PRIMARY KEY("household_id","reference_date")
);
--> statement-breakpoint
ALTER TABLE "household_assessments" ADD CONSTRAINT "household_assessments_household_id_households_id_fk" FOREIGN KEY ("household_id") REFERENCES "public"."households"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "household_assessments_path_idx" ON "household_assessments" USING btree ("reference_date","area_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "household_assessments_unmet_idx" ON "household_assessments" USING btree ("reference_date","area_path" text_pattern_ops) WHERE "household_assessments"."any_unmet";--> statement-breakpoint
CREATE INDEX "household_assessments_food_clothing_idx" ON "household_assessments" USING btree ("reference_date","food_clothing","area_path" text_pattern_ops) WHERE "household_assessments"."food_clothing" <> 'met';--> statement-breakpoint
CREATE INDEX "household_assessments_education_idx" ON "household_assessments" USING btree ("reference_date","education","area_path" text_pattern_ops) WHERE "household_assessments"."education" <> 'met';--> statement-breakpoint
CREATE INDEX "household_assessments_medical_idx" ON "household_assessments" USING btree ("reference_date","medical","area_path" text_pattern_ops) WHERE "household_assessments"."medical" <> 'met';--> statement-breakpoint
CREATE INDEX "household_assessments_housing_idx" ON "household_assessments" USING btree ("reference_date","housing","area_path" text_pattern_ops) WHERE "household_assessments"."housing" <> 'met';--> statement-breakpoint
CREATE INDEX "household_assessments_water_idx" ON "household_assessments" USING btree ("reference_date","water","area_path" text_pattern_ops) WHERE "household_assessments"."water" <> 'met';--> statement-breakpoint
CREATE INDEX "household_assessments_income_idx" ON "household_assessments" USING btree ("reference_date","income","area_path" text_pattern_ops) WHERE "household_assessments"."income" <> 'met';
