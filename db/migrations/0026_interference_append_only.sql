-- The interference register is append-only (db/schema/interference.ts): no write path — a
-- service, sync materialisation, a repair, a hand-run statement — may change or remove an
-- entry. A correction is a new row that names the one it corrects.
CREATE TRIGGER `interference_entries_no_update` BEFORE UPDATE ON `interference_entries` BEGIN
  SELECT RAISE(ABORT, 'interference_entries is append-only: entries are never changed');
END;
--> statement-breakpoint
CREATE TRIGGER `interference_entries_no_delete` BEFORE DELETE ON `interference_entries` BEGIN
  SELECT RAISE(ABORT, 'interference_entries is append-only: entries are never deleted');
END;
