-- Hand-written (the op log is not declared to drizzle-kit: 0001_op_log.sql). Nothing reads the
-- op log by gseq: an accepted op's log_no is its gseq, and conflict reads find their ops by
-- log_no (server/store/postgres/conflicts.ts), the partition key, so that each lookup reads one
-- partition's primary key. The index on gseq only cost every op stored an index entry.
DROP INDEX IF EXISTS "ops_gseq_idx";
