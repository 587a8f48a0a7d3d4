const { fetchUser, listUsers } = require('../src/users');

const db = { users: [{ id: 1, active: true }, { id: 2, active: false }] };

test('fetchUser', () => {
  expect(fetchUser(db, 2)).toEqual({ id: 2, active: false });
  expect(fetchUser(db, 3)).toBeNull();
});

test('listUsers active filter', () => {
  expect(listUsers(db, { active: true })).toEqual([{ id: 1, active: true }]);
});
