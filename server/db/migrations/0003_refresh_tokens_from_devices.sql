-- Hand-written data move: each device's refresh token (devices.refresh_hash, about to be
-- dropped) becomes the live head of its chain in refresh_tokens, so a server upgrade keeps
-- every laptop signed in. Issued at the device's last activity: the 30-day idle expiry
-- applies from the start (a laptop idle longer signs in again).
INSERT INTO `refresh_tokens` (`token_hash`, `device_id`, `issued_at`)
SELECT `refresh_hash`, `id`,
       COALESCE(CAST(strftime('%s', `last_seen_at`) AS INTEGER) * 1000,
                CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
FROM `devices`
WHERE `refresh_hash` IS NOT NULL;
