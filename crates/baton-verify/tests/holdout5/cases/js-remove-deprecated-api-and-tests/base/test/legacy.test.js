const { getUserById, getActiveUsers } = require('../src/users');

const db = { users: [{ id: 1, active: true }] };

test('getUserById', () => {
  expect(getUserById(db, 1)).toEqual({ id: 1, active: true });
});

test('getActiveUsers', () => {
  expect(getActiveUsers(db)).toHaveLength(1);
});
