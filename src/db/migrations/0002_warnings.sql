CREATE TABLE "warnings" (
	"id" serial PRIMARY KEY NOT NULL,
	"rule" text NOT NULL,
	"subject_key" text NOT NULL,
	"region_code" text NOT NULL,
	"unit_id" integer,
	"unit_code" text,
	"id_index" text,
	"id_masked" text,
	"severity" text NOT NULL,
	"first_seen_on" date NOT NULL,
	"last_seen_on" date NOT NULL,
	"resolved_on" date,
	"message" text NOT NULL,
	"figures" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "warnings" ADD CONSTRAINT "warnings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "warnings_rule_subject_key" ON "warnings" USING btree ("rule","subject_key");--> statement-breakpoint
CREATE INDEX "warnings_region_idx" ON "warnings" USING btree ("region_code","resolved_on");--> statement-breakpoint
CREATE INDEX "warnings_unit_idx" ON "warnings" USING btree ("unit_id");