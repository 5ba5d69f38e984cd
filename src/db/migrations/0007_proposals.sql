CREATE TABLE "duties" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"unit_id" integer NOT NULL,
	"name" text NOT NULL,
	"category" text NOT NULL,
	"basis" text,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"ended_by" text,
	"origin_id" integer,
	"proposal_id" integer
);
--> statement-breakpoint
CREATE TABLE "proposal_changes" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer NOT NULL,
	"seq" integer NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb NOT NULL,
	"superseded" date
);
--> statement-breakpoint
CREATE TABLE "proposal_consultations" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer NOT NULL,
	"department" text NOT NULL,
	"opinion" text NOT NULL,
	"recorded_on" date NOT NULL,
	"actor" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_events" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"details" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"proposal_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sm3" text NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"region_code" text NOT NULL,
	"title" text NOT NULL,
	"reason" text NOT NULL,
	"sponsor_unit_id" integer,
	"state" text NOT NULL,
	"submitted_by" integer NOT NULL,
	"submitted_on" date NOT NULL,
	"appraisal" jsonb,
	"appraised_on" date,
	"outcome" text,
	"meeting" text,
	"decided_on" date,
	"document_no" text,
	"decision_note" text,
	"effective_on" date,
	"implemented_on" date,
	"checklist" jsonb NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reserve_ledger" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"kind" text NOT NULL,
	"amount" integer NOT NULL,
	"effective_on" date NOT NULL,
	"document_no" text NOT NULL,
	"proposal_id" integer
);
--> statement-breakpoint
ALTER TABLE "post_ledger" ADD COLUMN "proposal_id" integer;--> statement-breakpoint
ALTER TABLE "post_ledger" ADD COLUMN "change" text;--> statement-breakpoint
ALTER TABLE "quota_ledger" ADD COLUMN "proposal_id" integer;--> statement-breakpoint
ALTER TABLE "quota_ledger" ADD COLUMN "change" text;--> statement-breakpoint
ALTER TABLE "charters" ADD COLUMN "functions" text;--> statement-breakpoint
ALTER TABLE "charters" ADD COLUMN "divisions" text[];--> statement-breakpoint
ALTER TABLE "charters" ADD COLUMN "proposal_id" integer;--> statement-breakpoint
ALTER TABLE "unit_versions" ADD COLUMN "co_located_with" integer;--> statement-breakpoint
ALTER TABLE "unit_versions" ADD COLUMN "proposal_id" integer;--> statement-breakpoint
ALTER TABLE "duties" ADD CONSTRAINT "duties_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "duties" ADD CONSTRAINT "duties_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_changes" ADD CONSTRAINT "proposal_changes_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_consultations" ADD CONSTRAINT "proposal_consultations_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_events" ADD CONSTRAINT "proposal_events_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_files" ADD CONSTRAINT "proposal_files_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_sponsor_unit_id_units_id_fk" FOREIGN KEY ("sponsor_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_ledger" ADD CONSTRAINT "reserve_ledger_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "duties_unit_idx" ON "duties" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "proposal_changes_proposal_idx" ON "proposal_changes" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "proposal_consultations_proposal_idx" ON "proposal_consultations" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "proposal_events_proposal_idx" ON "proposal_events" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "proposal_files_proposal_idx" ON "proposal_files" USING btree ("proposal_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_region_number_key" ON "proposals" USING btree ("region_code","number");--> statement-breakpoint
CREATE INDEX "proposals_region_state_idx" ON "proposals" USING btree ("region_code","state");--> statement-breakpoint
CREATE INDEX "reserve_ledger_region_idx" ON "reserve_ledger" USING btree ("region_code","kind");