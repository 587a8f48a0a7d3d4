'use strict';

function fetchUser(db, id) {
  return db.users.find((u) => u.id === id) || null;
}

function listUsers(db, { active } = {}) {
  return active === undefined ? db.users.slice() : db.users.filter((u) => u.active === active);
}

module.exports = { fetchUser, listUsers };
