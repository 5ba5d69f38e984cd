CREATE TABLE "control_list" (
	"unit_id" integer PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"reason" text NOT NULL,
	"document_no" text NOT NULL,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "quota_use_approvals" (
	"id" serial PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"region_code" text NOT NULL,
	"unit_id" integer NOT NULL,
	"quota_kind" text NOT NULL,
	"channel" text NOT NULL,
	"plan_line_id" integer NOT NULL,
	"person_name" text,
	"state" text NOT NULL,
	"approved_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"approved_by" integer NOT NULL,
	"seat_id" bigint,
	"used_on" date
);
--> statement-breakpoint
CREATE TABLE "seat_statuses" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"seat_id" bigint NOT NULL,
	"valid_from" date NOT NULL,
	"status" text NOT NULL,
	"document_no" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staffing_plan_amendments" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor" text NOT NULL,
	"reason" text NOT NULL,
	"document_no" text NOT NULL,
	"changes" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "staffing_plan_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"plan_id" integer NOT NULL,
	"quota_kind" text NOT NULL,
	"channel" text NOT NULL,
	"requested" integer NOT NULL,
	"approved" integer,
	"reason" text
);
--> statement-breakpoint
CREATE TABLE "staffing_plans" (
	"id" serial PRIMARY KEY NOT NULL,
	"region_code" text NOT NULL,
	"unit_id" integer NOT NULL,
	"year" integer NOT NULL,
	"state" text NOT NULL,
	"reason" text NOT NULL,
	"submitted_by" integer NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"decided_by" integer,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	"document_no" text
);
--> statement-breakpoint
CREATE TABLE "transaction_steps" (
	"id" serial PRIMARY KEY NOT NULL,
	"transaction_id" integer NOT NULL,
	"region_code" text NOT NULL,
	"department" text NOT NULL,
	"state" text NOT NULL,
	"actor" text,
	"at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "transactions" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"region_code" text NOT NULL,
	"unit_id" integer NOT NULL,
	"document_no" text,
	"issued_no" text,
	"effective_on" date NOT NULL,
	"approval_id" integer,
	"seat_id" bigint,
	"details" jsonb NOT NULL,
	"override_reason" text,
	"override_document_no" text,
	"finding_id" integer,
	"actor" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "control_list" ADD CONSTRAINT "control_list_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_use_approvals" ADD CONSTRAINT "quota_use_approvals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_use_approvals" ADD CONSTRAINT "quota_use_approvals_plan_line_id_staffing_plan_lines_id_fk" FOREIGN KEY ("plan_line_id") REFERENCES "public"."staffing_plan_lines"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "quota_use_approvals" ADD CONSTRAINT "quota_use_approvals_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing_plan_amendments" ADD CONSTRAINT "staffing_plan_amendments_plan_id_staffing_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."staffing_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing_plan_lines" ADD CONSTRAINT "staffing_plan_lines_plan_id_staffing_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."staffing_plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing_plans" ADD CONSTRAINT "staffing_plans_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing_plans" ADD CONSTRAINT "staffing_plans_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "staffing_plans" ADD CONSTRAINT "staffing_plans_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transaction_steps" ADD CONSTRAINT "transaction_steps_transaction_id_transactions_id_fk" FOREIGN KEY ("transaction_id") REFERENCES "public"."transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transactions" ADD CONSTRAINT "transactions_approval_id_quota_use_approvals_id_fk" FOREIGN KEY ("approval_id") REFERENCES "public"."quota_use_approvals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "quota_use_approvals_number_key" ON "quota_use_approvals" USING btree ("region_code","number");--> statement-breakpoint
CREATE INDEX "quota_use_approvals_reserving_idx" ON "quota_use_approvals" USING btree ("unit_id","quota_kind","expires_on") WHERE state = 'reserved';--> statement-breakpoint
CREATE INDEX "quota_use_approvals_line_idx" ON "quota_use_approvals" USING btree ("plan_line_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seat_statuses_key" ON "seat_statuses" USING btree ("seat_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "staffing_plan_lines_key" ON "staffing_plan_lines" USING btree ("plan_id","quota_kind","channel");--> statement-breakpoint
CREATE UNIQUE INDEX "staffing_plans_unit_year_key" ON "staffing_plans" USING btree ("unit_id","year");--> statement-breakpoint
CREATE INDEX "staffing_plans_region_idx" ON "staffing_plans" USING btree ("region_code","year");--> statement-breakpoint
CREATE UNIQUE INDEX "transaction_steps_key" ON "transaction_steps" USING btree ("transaction_id","department");--> statement-breakpoint
CREATE INDEX "transaction_steps_queue_idx" ON "transaction_steps" USING btree ("department","state","region_code");--> statement-breakpoint
CREATE INDEX "transactions_unit_idx" ON "transactions" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "transactions_region_idx" ON "transactions" USING btree ("region_code","kind");