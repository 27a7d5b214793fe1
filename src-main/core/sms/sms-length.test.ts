import { test } from 'node:test';
import assert from 'node:assert/strict';
import { previewSms } from './sms-length.js';

test('names in the GSM-7 alphabet keep a text in GSM-7; José, Chloé, Muñoz, Müller, Zoé all do', () => {
  for (const name of ['José', 'Chloé', 'Muñoz', 'Müller', 'Zoé']) {
    assert.equal(previewSms(`${name} checked in at 07:52.`).encoding, 'GSM-7', name);
  }
});

test('François, Zoë, Núñez, Ana María and João force UCS-2, and the preview names the character', () => {
  const cases: Array<[string, string]> = [['François', 'ç'], ['Zoë', 'ë'], ['Núñez', 'ú'], ['Ana María', 'í'], ['João', 'ã']];
  for (const [name, char] of cases) {
    const p = previewSms(`${name} checked in.`);
    assert.equal(p.encoding, 'UCS-2', name);
    assert.deepEqual(p.ucs2Characters, [char]);
    assert.match(p.warnings[0]!, new RegExp(`"${char}" is not in the GSM-7 alphabet`));
  }
});

test('segment counts follow 160/153 for GSM-7 and 70/67 for UCS-2', () => {
  assert.deepEqual([160, 161, 306, 307].map((n) => previewSms('a'.repeat(n)).segments), [1, 2, 2, 3]);
  assert.deepEqual([70, 71, 134, 135].map((n) => previewSms('ë'.repeat(n)).segments), [1, 2, 2, 3]);
  assert.match(previewSms('a'.repeat(161)).warnings.join(' '), /needs 2 SMS segments; keep it to 160 characters/);
});

test('extension characters cost two septets; emoji two UCS-2 units', () => {
  assert.deepEqual(previewSms('€'.repeat(80)), { characters: 80, encoding: 'GSM-7', units: 160, segments: 1, ucs2Characters: [], warnings: [] });
  assert.equal(previewSms('😀'.repeat(35)).segments, 1);
  assert.equal(previewSms('😀'.repeat(36)).segments, 2);
});

test('a decomposed é turns the text into UCS-2 and is reported; its NFC form does not', () => {
  const decomposed = 'Chloe\u0301';
  assert.equal(previewSms(decomposed).encoding, 'UCS-2');
  assert.match(previewSms(decomposed).warnings.join(' '), /not NFC-normalised/);
  assert.equal(previewSms(decomposed.normalize('NFC')).encoding, 'GSM-7');
});
