import assert from 'node:assert/strict';
import { hasRole } from '../../src/domain/staff.ts';

describe('staff roles', () => {
  it('lets admins do everything, anyone with a role view, and each role do its own job only', () => {
    assert.ok(hasRole({ roles: ['admin'] }, 'approver'));
    assert.ok(hasRole({ roles: ['inviter'] }, 'viewer'));
    assert.ok(hasRole({ roles: ['approver'] }, 'viewer'));
    assert.ok(!hasRole({ roles: ['inviter'] }, 'approver'));
    assert.ok(!hasRole({ roles: ['viewer'] }, 'inviter'));
    assert.ok(!hasRole({ roles: [] }, 'viewer'));
  });
});
