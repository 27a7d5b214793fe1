import { test } from 'node:test';
import assert from 'node:assert/strict';
import { byLastThenFirst } from '../../src-renderer/admin/people/student-order.js';

test('students sort by last name then first name, García between Flores and Hughes', () => {
  const names = [
    { lastName: 'Hughes', firstName: 'Tom' },
    { lastName: 'García', firstName: 'Ana' },
    { lastName: 'Flores', firstName: 'Luz' },
    { lastName: 'García', firstName: 'Aaron' },
  ];
  assert.deepEqual([...names].sort(byLastThenFirst).map((n) => `${n.lastName}, ${n.firstName}`), ['Flores, Luz', 'García, Aaron', 'García, Ana', 'Hughes, Tom']);
});
