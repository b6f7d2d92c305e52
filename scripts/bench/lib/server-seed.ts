import Database from 'better-sqlite3-multiple-ciphers';
import { bucketOf } from '@shared/sync/checksum';
import { sha256Hex } from '@shared/node/hash';

// A big server for the benchmarks, fast: units written straight into the server's tables over a
// second connection (the running server notices through PRAGMA data_version, as it would an
// admin import), one '$create' each, as a push would have stored them: the entity with its
// scope key and bucket, its one field, and its op. Pushing 100,000 units through the routes
// would take minutes of set-up for a figure that is about the verify afterwards. The value is
// a ~2 KB text of the size a real unit's '$create' carries, so the tables have a real size.
// Synthetic: never shown to anyone as real data.

const SEED_AT = '2024-02-15T09:30:00.000Z';

/** Stores `count` units `${idPrefix}-000000`… under `areaCode`; returns the number stored. */
export function seedServerUnits(file: string, count: number, areaCode: string, idPrefix: string): number {
  const sqlite = new Database(file);
  try {
    sqlite.pragma('busy_timeout = 10000');
    const deviceId = `seed-${idPrefix}`.padEnd(8, '0');
    const insertEntity = sqlite.prepare('INSERT INTO entities (entity, entity_id, scope_key, bucket, created_gseq) VALUES (?, ?, ?, ?, ?)');
    const insertField = sqlite.prepare(
      `INSERT INTO field_state (entity, entity_id, field, value, version, device_id, user_id, hlc, at)
       VALUES ('unit', ?, '$create', ?, ?, ?, 'seed-user', ?, ?)`,
    );
    const insertOp = sqlite.prepare(
      `INSERT INTO ops (device_id, seq, gseq, hash, prev_hash, entity, entity_id, field, value, base_version, hlc,
         user_id, at, app_version, schema_version, received_at, outcome)
       VALUES (?, ?, ?, ?, ?, 'unit', ?, '$create', ?, 0, ?, 'seed-user', ?, 'bench', 'bench', ?, 'applied')`,
    );
    const filler = '宁夏回族自治区中卫市沙坡头区'.repeat(40);
    sqlite.transaction(() => {
      let gseq = (sqlite.prepare('SELECT coalesce(max(gseq), 0) FROM ops').pluck().get() as number) + 1;
      let prevHash = '';
      for (let i = 0; i < count; i++, gseq++) {
        const id = `${idPrefix}-${String(i).padStart(6, '0')}`;
        const value = JSON.stringify({ areaCode, kind: 'legal', source: 'frame', fields: { '611.name': `${id} ${filler}` } });
        const hlc = `${String(Date.parse(SEED_AT) + i).padStart(13, '0')}-000000-${deviceId}`;
        const hash = sha256Hex(`${deviceId}\t${i}`);
        insertEntity.run('unit', id, areaCode, bucketOf(id, sha256Hex), gseq);
        insertField.run(id, value, gseq, deviceId, hlc, SEED_AT);
        insertOp.run(deviceId, i + 1, gseq, hash, prevHash, id, value, hlc, SEED_AT, SEED_AT);
        prevHash = hash;
      }
    }).immediate();
    return count;
  } finally {
    sqlite.close();
  }
}
