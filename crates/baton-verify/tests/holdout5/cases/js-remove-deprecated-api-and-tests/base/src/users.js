'use strict';

function fetchUser(db, id) {
  return db.users.find((u) => u.id === id) || null;
}

/** @deprecated use fetchUser */
function getUserById(db, id) {
  console.warn('getUserById is deprecated, use fetchUser');
  return fetchUser(db, id);
}

/** @deprecated use listUsers({ active: true }) */
function getActiveUsers(db) {
  console.warn('getActiveUsers is deprecated');
  return db.users.filter((u) => u.active);
}

function listUsers(db, { active } = {}) {
  return active === undefined ? db.users.slice() : db.users.filter((u) => u.active === active);
}

module.exports = { fetchUser, getUserById, getActiveUsers, listUsers };
