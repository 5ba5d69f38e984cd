CREATE TABLE "audit_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"entity" text NOT NULL,
	"op" text NOT NULL,
	"key" jsonb NOT NULL,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_key" text,
	"region_code" text,
	"document_no" text,
	"before" jsonb,
	"after" jsonb,
	"details" jsonb,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"unit_id" integer NOT NULL,
	"level" text NOT NULL,
	"amount" integer NOT NULL,
	"effective_on" date NOT NULL,
	"document_no" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quota_ledger" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"unit_id" integer NOT NULL,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"effective_on" date NOT NULL,
	"document_no" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "charters" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"unit_id" integer NOT NULL,
	"issued_on" date NOT NULL,
	"document_no" text
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	"unit_cap" integer
);
--> statement-breakpoint
CREATE TABLE "unit_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"unit_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"valid_from" date,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"rank" text,
	"public_class" text,
	"funding" text,
	"reference_managed" boolean DEFAULT false NOT NULL,
	"parent_id" integer,
	"division_cap" integer,
	"alias_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"sort_order" integer,
	CONSTRAINT "unit_versions_unit_from_key" UNIQUE NULLS NOT DISTINCT("unit_id","valid_from")
);
--> statement-breakpoint
CREATE TABLE "units" (
	"id" serial PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"region_code" text NOT NULL,
	"established_on" date,
	"abolished_on" date,
	"document_no" text
);
--> statement-breakpoint
CREATE TABLE "insurance" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"period" text NOT NULL,
	"id_cipher" text NOT NULL,
	"id_index" text NOT NULL,
	"id_masked" text NOT NULL,
	"name" text NOT NULL,
	"unit_id" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "off_quota_staff" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"id_cipher" text NOT NULL,
	"id_index" text NOT NULL,
	"id_masked" text NOT NULL,
	"name" text NOT NULL,
	"unit_id" integer NOT NULL,
	"type" text NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date,
	"post_level" text
);
--> statement-breakpoint
CREATE TABLE "payroll" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"period" text NOT NULL,
	"id_cipher" text NOT NULL,
	"id_index" text NOT NULL,
	"id_masked" text NOT NULL,
	"name" text NOT NULL,
	"unit_id" integer NOT NULL,
	"amount" numeric(14, 2) NOT NULL
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"id_cipher" text NOT NULL,
	"id_index" text NOT NULL,
	"id_masked" text NOT NULL,
	"name" text NOT NULL,
	"gender" text NOT NULL,
	"birth_date" date NOT NULL,
	"retirement_group" text NOT NULL,
	"education" text,
	"major" text,
	"ethnicity" text,
	"political_status" text,
	"title" text
);
--> statement-breakpoint
CREATE TABLE "seat_posts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"seat_id" bigint NOT NULL,
	"valid_from" date,
	"post_level" text,
	"post_unit_id" integer,
	"post_rank" text,
	CONSTRAINT "seat_posts_key" UNIQUE NULLS NOT DISTINCT("seat_id","valid_from")
);
--> statement-breakpoint
CREATE TABLE "seats" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"person_id" bigint NOT NULL,
	"unit_id" integer NOT NULL,
	"quota_kind" text NOT NULL,
	"category" text NOT NULL,
	"entered_on" date NOT NULL,
	"entry_type" text NOT NULL,
	"approval_no" text,
	"work_unit_id" integer,
	"exited_on" date,
	"exit_type" text,
	"status" text DEFAULT 'on_post' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "secondments" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"person_id" bigint NOT NULL,
	"from_unit_id" integer NOT NULL,
	"to_unit_id" integer NOT NULL,
	"start_on" date NOT NULL,
	"end_on" date NOT NULL,
	"returned_on" date,
	"document_no" text
);
--> statement-breakpoint
ALTER TABLE "post_ledger" ADD CONSTRAINT "post_ledger_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_ledger" ADD CONSTRAINT "quota_ledger_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "charters" ADD CONSTRAINT "charters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_versions" ADD CONSTRAINT "unit_versions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "unit_versions" ADD CONSTRAINT "unit_versions_parent_id_units_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "insurance" ADD CONSTRAINT "insurance_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "off_quota_staff" ADD CONSTRAINT "off_quota_staff_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payroll" ADD CONSTRAINT "payroll_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_posts" ADD CONSTRAINT "seat_posts_seat_id_seats_id_fk" FOREIGN KEY ("seat_id") REFERENCES "public"."seats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_posts" ADD CONSTRAINT "seat_posts_post_unit_id_units_id_fk" FOREIGN KEY ("post_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seats" ADD CONSTRAINT "seats_work_unit_id_units_id_fk" FOREIGN KEY ("work_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondments" ADD CONSTRAINT "secondments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondments" ADD CONSTRAINT "secondments_from_unit_id_units_id_fk" FOREIGN KEY ("from_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "secondments" ADD CONSTRAINT "secondments_to_unit_id_units_id_fk" FOREIGN KEY ("to_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_changes_seq_idx" ON "audit_changes" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_key");--> statement-breakpoint
CREATE UNIQUE INDEX "post_ledger_key" ON "post_ledger" USING btree ("unit_id","level","effective_on","document_no");--> statement-breakpoint
CREATE INDEX "post_ledger_region_idx" ON "post_ledger" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "quota_ledger_key" ON "quota_ledger" USING btree ("unit_id","kind","effective_on","document_no");--> statement-breakpoint
CREATE INDEX "quota_ledger_region_idx" ON "quota_ledger" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "charters_key" ON "charters" USING btree ("unit_id","issued_on");--> statement-breakpoint
CREATE INDEX "regions_parent_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "unit_versions_parent_idx" ON "unit_versions" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "unit_versions_region_idx" ON "unit_versions" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "units_code_key" ON "units" USING btree ("code");--> statement-breakpoint
CREATE INDEX "units_region_idx" ON "units" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "insurance_key" ON "insurance" USING btree ("period","id_index","unit_id");--> statement-breakpoint
CREATE INDEX "insurance_region_idx" ON "insurance" USING btree ("region_code","period");--> statement-breakpoint
CREATE UNIQUE INDEX "off_quota_staff_key" ON "off_quota_staff" USING btree ("id_index","unit_id","start_on");--> statement-breakpoint
CREATE UNIQUE INDEX "payroll_key" ON "payroll" USING btree ("period","id_index","unit_id");--> statement-breakpoint
CREATE INDEX "payroll_region_idx" ON "payroll" USING btree ("region_code","period");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_id_index_key" ON "persons" USING btree ("id_index");--> statement-breakpoint
CREATE INDEX "persons_region_idx" ON "persons" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "seats_key" ON "seats" USING btree ("person_id","unit_id","entered_on");--> statement-breakpoint
CREATE INDEX "seats_unit_idx" ON "seats" USING btree ("unit_id","quota_kind");--> statement-breakpoint
CREATE INDEX "seats_region_idx" ON "seats" USING btree ("region_code");--> statement-breakpoint
CREATE UNIQUE INDEX "secondments_key" ON "secondments" USING btree ("person_id","from_unit_id","to_unit_id","start_on");