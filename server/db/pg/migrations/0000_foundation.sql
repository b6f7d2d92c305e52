CREATE SEQUENCE "public"."gseq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "access_tokens" (
	"token_hash" text COLLATE "C" PRIMARY KEY NOT NULL,
	"device_id" text COLLATE "C" NOT NULL,
	"user_id" text COLLATE "C" NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"user_id" text COLLATE "C" NOT NULL,
	"area_prefix" text COLLATE "C" NOT NULL,
	"created_at" text NOT NULL,
	CONSTRAINT "assignments_user_id_area_prefix_pk" PRIMARY KEY("user_id","area_prefix")
);
--> statement-breakpoint
CREATE TABLE "attachment_refs" (
	"sha256" text COLLATE "C" NOT NULL,
	"entity" text COLLATE "C" NOT NULL,
	"entity_id" text COLLATE "C" NOT NULL,
	CONSTRAINT "attachment_refs_sha256_entity_entity_id_pk" PRIMARY KEY("sha256","entity","entity_id")
);
--> statement-breakpoint
CREATE TABLE "attachments" (
	"sha256" text COLLATE "C" PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"uploaded_by" text COLLATE "C" NOT NULL,
	"completed_at" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "conflicts" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"entity" text COLLATE "C" NOT NULL,
	"entity_id" text COLLATE "C" NOT NULL,
	"field" text COLLATE "C" NOT NULL,
	"scope_key" text COLLATE "C" NOT NULL,
	"status" text NOT NULL,
	"winner" text NOT NULL,
	"current_gseq" bigint NOT NULL,
	"incoming_gseq" bigint NOT NULL,
	"created_at" text NOT NULL,
	"resolved_gseq" bigint,
	CONSTRAINT "conflicts_incoming_gseq_unique" UNIQUE("incoming_gseq")
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"user_id" text COLLATE "C" NOT NULL,
	"name" text NOT NULL,
	"app_version" text DEFAULT '' NOT NULL,
	"created_at" text NOT NULL,
	"last_seen_at" text NOT NULL,
	"revoked_at" text
);
--> statement-breakpoint
CREATE TABLE "entities" (
	"entity" text COLLATE "C" NOT NULL,
	"entity_id" text COLLATE "C" NOT NULL,
	"scope_key" text COLLATE "C" NOT NULL,
	"bucket" text COLLATE "C" NOT NULL,
	"created_gseq" bigint NOT NULL,
	CONSTRAINT "entities_entity_entity_id_pk" PRIMARY KEY("entity","entity_id")
);
--> statement-breakpoint
CREATE TABLE "entity_moves" (
	"gseq" bigint PRIMARY KEY NOT NULL,
	"entity" text COLLATE "C" NOT NULL,
	"entity_id" text COLLATE "C" NOT NULL,
	"from_key" text COLLATE "C" NOT NULL,
	"to_key" text COLLATE "C" NOT NULL,
	"bucket" text COLLATE "C" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "field_state" (
	"entity" text COLLATE "C" NOT NULL,
	"entity_id" text COLLATE "C" NOT NULL,
	"field" text COLLATE "C" NOT NULL,
	"value" text NOT NULL,
	"version" bigint NOT NULL,
	"device_id" text COLLATE "C" NOT NULL,
	"user_id" text COLLATE "C" NOT NULL,
	"hlc" text COLLATE "C" NOT NULL,
	"at" text NOT NULL,
	CONSTRAINT "field_state_entity_entity_id_field_pk" PRIMARY KEY("entity","entity_id","field")
);
--> statement-breakpoint
CREATE TABLE "fork_requests" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"user_id" text COLLATE "C" NOT NULL,
	"device_id" text COLLATE "C" NOT NULL,
	"new_device_id" text COLLATE "C" NOT NULL,
	"fork_seq" integer NOT NULL,
	"pending" integer NOT NULL,
	"server_seq" integer NOT NULL,
	"requested_at" text NOT NULL,
	"status" text NOT NULL,
	"decided_by" text,
	"decided_at" text,
	"completed_at" text,
	CONSTRAINT "fork_requests_new_device_id_unique" UNIQUE("new_device_id")
);
--> statement-breakpoint
CREATE TABLE "form_packs" (
	"ref" text COLLATE "C" PRIMARY KEY NOT NULL,
	"pack_id" text NOT NULL,
	"version" text NOT NULL,
	"hash" text NOT NULL,
	"body" text NOT NULL,
	"published_by" text NOT NULL,
	"published_at" text NOT NULL,
	"current_since" text NOT NULL,
	"current_seq" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "login_failures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"budget" text COLLATE "C" NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refresh_tokens" (
	"token_hash" text COLLATE "C" PRIMARY KEY NOT NULL,
	"device_id" text COLLATE "C" NOT NULL,
	"issued_at" bigint NOT NULL,
	"used_at" bigint,
	"successor_hash" text COLLATE "C",
	"ended_at" bigint,
	"end_reason" text
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" text NOT NULL,
	"updated_at" text NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "access_tokens" ADD CONSTRAINT "access_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refresh_tokens" ADD CONSTRAINT "refresh_tokens_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_tokens_expiry_idx" ON "access_tokens" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "access_tokens_device_idx" ON "access_tokens" USING btree ("device_id");--> statement-breakpoint
CREATE INDEX "conflicts_status_idx" ON "conflicts" USING btree ("status","scope_key");--> statement-breakpoint
CREATE INDEX "conflicts_entity_idx" ON "conflicts" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "devices_user_idx" ON "devices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "entities_scope_idx" ON "entities" USING btree ("scope_key","entity","entity_id");--> statement-breakpoint
CREATE INDEX "entities_bucket_idx" ON "entities" USING btree ("bucket","scope_key");--> statement-breakpoint
CREATE INDEX "field_state_version_idx" ON "field_state" USING btree ("version");--> statement-breakpoint
CREATE INDEX "fork_requests_device_idx" ON "fork_requests" USING btree ("device_id","status");--> statement-breakpoint
CREATE INDEX "form_packs_current_idx" ON "form_packs" USING btree ("current_seq");--> statement-breakpoint
CREATE INDEX "login_failures_budget_idx" ON "login_failures" USING btree ("budget","at");--> statement-breakpoint
CREATE INDEX "refresh_tokens_device_idx" ON "refresh_tokens" USING btree ("device_id");