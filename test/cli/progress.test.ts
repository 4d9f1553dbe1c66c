import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import { delayedProgress } from '../../src/cli/progress.js';

function fakeStream(isTTY: boolean): NodeJS.WriteStream & { text: string } {
  const w = new Writable({
    write(chunk, _enc, cb) {
      (w as unknown as { text: string }).text += String(chunk);
      cb();
    },
  }) as unknown as NodeJS.WriteStream & { text: string };
  w.text = '';
  Object.assign(w, { isTTY, columns: 100, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return w;
}

test('progress bar: drawn on a TTY once the delay has passed', async () => {
  const s = fakeStream(true);
  const p = delayedProgress(true, s, 20);
  p.update(1, 10);
  assert.equal(s.text, '', 'nothing before the delay');
  await new Promise((r) => setTimeout(r, 30));
  p.update(5, 10);
  p.stop();
  assert.match(s.text, /scanning .* 5\/10 files/);
});

test('progress bar: never on a non-TTY stream, nor when disabled', async () => {
  for (const [tty, enabled] of [[false, true], [true, false]] as const) {
    const s = fakeStream(tty);
    const p = delayedProgress(enabled, s, 0);
    await new Promise((r) => setTimeout(r, 5));
    p.update(5, 10);
    p.stop();
    assert.equal(s.text, '');
  }
});
