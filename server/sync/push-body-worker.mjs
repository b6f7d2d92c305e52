// A worker thread of push-body-pool.ts. The server runs its TypeScript through tsx, whose
// loader a worker thread does not inherit: register it here, then load the one function the
// worker runs (push-body.ts checkPushBody, with its own copies of the modules it imports).
import { register } from 'tsx/esm/api';

register();
const { checkPushBody } = await import('./push-body.ts');
// The form packs the value checks read, loaded as the worker starts rather than during its first push.
const { builtinPacks } = await import('../../shared/packs/builtin.ts');
builtinPacks();

/** @param {{ bytes: Uint8Array; by: import('./op-checks').Pusher }} task */
export default function checkInWorker(task) {
  return checkPushBody(task.bytes, task.by);
}
