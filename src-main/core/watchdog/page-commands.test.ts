import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPageCommands } from './watchdog.js';

test('a reload meant for a page that went stale reaches that page if it comes back, once', () => {
  const commands = createPageCommands();
  assert.equal(commands.take('aaaaaaaa11111111'), undefined);
  commands.host.reload();
  assert.equal(commands.take('aaaaaaaa11111111'), 'reload');
  assert.equal(commands.take('aaaaaaaa11111111'), undefined);
});

test('a page opened after the stale one was closed starts fresh: it is not reloaded for the other page', () => {
  const commands = createPageCommands();
  commands.take('aaaaaaaa11111111');
  commands.host.reload();
  assert.equal(commands.take('bbbbbbbb22222222'), undefined);
  commands.host.reopenCamera();
  assert.equal(commands.take('bbbbbbbb22222222'), 'reopen-camera', 'a command issued while the new page beats is for it');
});

test('a reload outranks a camera re-open waiting for the same page', () => {
  const commands = createPageCommands();
  commands.take('aaaaaaaa11111111');
  commands.host.reload();
  commands.host.reopenCamera();
  assert.equal(commands.take('aaaaaaaa11111111'), 'reload');
});
