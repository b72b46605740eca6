// A test hook for the fault-injection tests, off unless STACKC_FAULT is set:
//   STACKC_FAULT=<n>          SIGKILL the process just before its n-th change to out/ (1 = before the first)
//   STACKC_FAULT=<phase>      SIGKILL it when the write reaches a phase: staged, journaled, swapping, swapped, committed
//   …:enospc                  throw "no space left on device" there instead, as a full disk would
//   STACKC_FAULT=count        print the number of changes on exit (`stackc-fault: 295 changes`), for a test's loop
// Every change (a folder made, a file opened or written, a link, a rename, a removal) counts, in recovery too, so a
// test can stop a run at each instant at which out/ can differ.
const wanted = process.env['STACKC_FAULT'];
const [target, action] = (wanted ?? '').split(':');
let changes = 0;
if (target === 'count') process.on('exit', () => process.stderr.write(`stackc-fault: ${changes} changes\n`));

function strike(): void {
  if (action === 'enospc') throw Object.assign(new Error('ENOSPC: no space left on device (STACKC_FAULT)'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
  process.kill(process.pid, 'SIGKILL');
}

/** Called before each change to out/. */
export function beforeChange(): void {
  if (wanted === undefined) return;
  changes += 1;
  if (target === String(changes)) strike();
}

/** Called when the write reaches a phase. */
export function reached(phase: 'staged' | 'journaled' | 'swapping' | 'swapped' | 'committed'): void {
  if (wanted !== undefined && target === phase) strike();
}
