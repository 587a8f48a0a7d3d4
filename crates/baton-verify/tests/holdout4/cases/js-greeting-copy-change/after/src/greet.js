'use strict';

function greet(user) {
  const name = user.displayName || user.username;
  return `Welcome back, ${name}!`;
}

function greetMany(users) {
  return users.map(greet);
}

module.exports = { greet, greetMany };
