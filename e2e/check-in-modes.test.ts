// The non-biometric path is always offered: face mode only adds a way in, it never takes the PIN away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkInModes } from '../src-renderer/state/check-in-modes.js';
import type { KioskStatus } from '../src-preload/contract.js';

const status = (faceRecognition: boolean): KioskStatus => ({
  schoolName: 'Hill School', timezone: 'Europe/London', locale: 'en-GB', language: 'en', localDate: '2026-12-07', localTime: '07:10', session: 'morning', checkedInToday: 0, faceRecognition, nextCheckIn: null,
});

test('with face mode off for the school the kiosk offers card and PIN only', () => {
  assert.deepEqual(checkInModes({ status: status(false), camera: 'running', faces: 'ready' }), { face: false, card: true });
});

test('face is offered only when the school has switched it on and the vision pipeline works', () => {
  assert.deepEqual(checkInModes({ status: status(true), camera: 'running', faces: 'ready' }), { face: true, card: true });
  assert.deepEqual(checkInModes({ status: status(true), camera: 'running', faces: 'error' }), { face: false, card: true });
  assert.deepEqual(checkInModes({ status: null, camera: 'running', faces: 'ready' }), { face: false, card: true });
});
