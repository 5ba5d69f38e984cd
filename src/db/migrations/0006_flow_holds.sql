ALTER TABLE "quota_use_approvals" ADD COLUMN "cancelled_on" date;--> statement-breakpoint
ALTER TABLE "quota_use_approvals" ADD COLUMN "cancel_reason" text;--> statement-breakpoint
ALTER TABLE "quota_use_approvals" ADD COLUMN "cancelled_by" text;--> statement-breakpoint
ALTER TABLE "transactions" ADD COLUMN "state" text DEFAULT 'completed' NOT NULL;--> statement-breakpoint
CREATE INDEX "transactions_pending_idx" ON "transactions" USING btree ("kind","seat_id") WHERE state = 'pending';