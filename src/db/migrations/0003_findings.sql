CREATE TABLE "rule_settings" (
	"region_code" text NOT NULL,
	"rule" text NOT NULL,
	"key" text NOT NULL,
	"value" integer NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"updated_by" text NOT NULL,
	CONSTRAINT "rule_settings_region_code_rule_key_pk" PRIMARY KEY("region_code","rule","key")
);
--> statement-breakpoint
CREATE TABLE "finding_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"finding_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"user_id" integer,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text NOT NULL,
	"note" text,
	"details" jsonb
);
--> statement-breakpoint
CREATE TABLE "finding_evidence" (
	"id" serial PRIMARY KEY NOT NULL,
	"finding_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"version" integer NOT NULL,
	"media_type" text NOT NULL,
	"size" bigint NOT NULL,
	"sm3" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" integer NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "finding_notices" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"issuing_region_code" text NOT NULL,
	"document_no" text NOT NULL,
	"year" integer NOT NULL,
	"serial" integer NOT NULL,
	"unit_id" integer NOT NULL,
	"issued_on" date NOT NULL,
	"deadline" date NOT NULL,
	"finding_ids" integer[] NOT NULL,
	"content" jsonb NOT NULL,
	"issued_by" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"region_code" text NOT NULL,
	"unit_id" integer,
	"unit_code" text,
	"source" text NOT NULL,
	"source_ref" text,
	"warning_id" integer,
	"rule" text,
	"category" text NOT NULL,
	"severity" text NOT NULL,
	"description" text NOT NULL,
	"state" text NOT NULL,
	"deadline" date NOT NULL,
	"responsible_user_id" integer,
	"responsible_name" text,
	"registered_by" integer NOT NULL,
	"registered_on" date NOT NULL,
	"measures" text,
	"verified_by" integer,
	"closed_on" date,
	"deferred_until" date,
	"deferred_reason" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "finding_events" ADD CONSTRAINT "finding_events_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_events" ADD CONSTRAINT "finding_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_evidence" ADD CONSTRAINT "finding_evidence_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_evidence" ADD CONSTRAINT "finding_evidence_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_notices" ADD CONSTRAINT "finding_notices_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "finding_notices" ADD CONSTRAINT "finding_notices_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_warning_id_warnings_id_fk" FOREIGN KEY ("warning_id") REFERENCES "public"."warnings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_responsible_user_id_users_id_fk" FOREIGN KEY ("responsible_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_registered_by_users_id_fk" FOREIGN KEY ("registered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "finding_events_finding_idx" ON "finding_events" USING btree ("finding_id");--> statement-breakpoint
CREATE UNIQUE INDEX "finding_evidence_version_key" ON "finding_evidence" USING btree ("finding_id","file_name","version");--> statement-breakpoint
CREATE UNIQUE INDEX "finding_notices_serial_key" ON "finding_notices" USING btree ("issuing_region_code","year","serial");--> statement-breakpoint
CREATE INDEX "finding_notices_unit_idx" ON "finding_notices" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_region_number_key" ON "findings" USING btree ("region_code","number");--> statement-breakpoint
CREATE INDEX "findings_region_state_idx" ON "findings" USING btree ("region_code","state");--> statement-breakpoint
CREATE INDEX "findings_unit_idx" ON "findings" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_open_warning_key" ON "findings" USING btree ("warning_id") WHERE state <> 'closed';