-- The op log, partitioned by its number (log_no, drawn from gseq_seq for every stored op; an
-- accepted op's gseq is its log_no). Partitions hold 10,000,000 numbers each by default and are
-- created ahead by the store (server/store/postgres/partitions.ts); the default partition
-- only catches rows if that ever fell behind, so an insert never fails for want of one.
CREATE TABLE "ops" (
	"log_no" bigint NOT NULL,
	"device_id" text COLLATE "C" NOT NULL,
	"seq" integer NOT NULL,
	"gseq" bigint,
	"hash" text COLLATE "C" NOT NULL,
	"prev_hash" text COLLATE "C" NOT NULL,
	"entity" text COLLATE "C" NOT NULL,
	"entity_id" text COLLATE "C" NOT NULL,
	"field" text COLLATE "C" NOT NULL,
	"value" text NOT NULL,
	"base_version" bigint NOT NULL,
	"hlc" text COLLATE "C" NOT NULL,
	"user_id" text COLLATE "C" NOT NULL,
	"at" text NOT NULL,
	"app_version" text NOT NULL,
	"schema_version" text NOT NULL,
	"received_at" text NOT NULL,
	"outcome" text NOT NULL,
	"reject_code" text,
	"reject_message" text,
	"conflict_id" text COLLATE "C",
	PRIMARY KEY ("log_no")
) PARTITION BY RANGE ("log_no");
--> statement-breakpoint
CREATE INDEX "ops_device_seq_idx" ON "ops" ("device_id", "seq");
--> statement-breakpoint
CREATE INDEX "ops_gseq_idx" ON "ops" ("gseq") WHERE "gseq" IS NOT NULL;
--> statement-breakpoint
CREATE INDEX "ops_entity_idx" ON "ops" ("entity", "entity_id");
--> statement-breakpoint
CREATE TABLE "ops_default" PARTITION OF "ops" DEFAULT;
--> statement-breakpoint
-- Each device's newest stored op: the head its next push must continue, and the row a push
-- locks so that two processes never store the same device's ops at once.
CREATE TABLE "device_heads" (
	"device_id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"seq" integer NOT NULL,
	"hash" text COLLATE "C" NOT NULL
);
--> statement-breakpoint
-- Pushes in flight: a push's transaction id and the gseq_seq value before it drew any number.
-- Readers never pass the lowest floor of a transaction still running (server/README.md,
-- "Why several processes agree"), so no gseq becomes visible behind a cursor that already passed it.
CREATE TABLE "gseq_claims" (
	"xid" xid8 PRIMARY KEY NOT NULL,
	"floor" bigint NOT NULL
);
