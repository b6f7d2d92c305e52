-- Hand-written: index the attachment references already in the op log (attachment_refs is
-- filled by push from now on). An enterprise's evidence.<id> field names a file by sha256, as
-- an op of its own, inside a '$create''s initial fields, or as the value a '$resolve' wrote.
-- Only accepted ops count (rejected ones changed nothing anyone can see).
INSERT OR IGNORE INTO attachment_refs (sha256, entity, entity_id)
SELECT json_extract(value, '$.sha256'), entity, entity_id FROM ops
WHERE outcome <> 'rejected' AND entity = 'enterprise' AND field GLOB 'evidence.*'
  AND json_extract(value, '$.sha256') GLOB '[0-9a-f]*' AND length(json_extract(value, '$.sha256')) = 64;
--> statement-breakpoint
INSERT OR IGNORE INTO attachment_refs (sha256, entity, entity_id)
SELECT json_extract(f.value, '$.sha256'), o.entity, o.entity_id FROM ops o, json_each(o.value, '$.fields') f
WHERE o.outcome <> 'rejected' AND o.entity = 'enterprise' AND o.field = '$create' AND f.key GLOB 'evidence.*'
  AND json_extract(f.value, '$.sha256') GLOB '[0-9a-f]*' AND length(json_extract(f.value, '$.sha256')) = 64;
--> statement-breakpoint
INSERT OR IGNORE INTO attachment_refs (sha256, entity, entity_id)
SELECT json_extract(value, '$.value.sha256'), entity, entity_id FROM ops
WHERE outcome <> 'rejected' AND entity = 'enterprise' AND field = '$resolve'
  AND json_extract(value, '$.value.sha256') GLOB '[0-9a-f]*' AND length(json_extract(value, '$.value.sha256')) = 64;
