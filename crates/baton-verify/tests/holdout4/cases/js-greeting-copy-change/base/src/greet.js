'use strict';

function greet(user) {
  const name = user.displayName || user.username;
  return `Hello, ${name}`;
}

function greetMany(users) {
  return users.map(greet);
}

module.exports = { greet, greetMany };
