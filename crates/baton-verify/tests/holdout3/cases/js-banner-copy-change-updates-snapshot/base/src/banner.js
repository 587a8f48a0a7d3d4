'use strict';

function banner(user) {
  const name = user && user.displayName ? user.displayName : 'there';
  return {
    title: `Hello ${name}, good to see you!`,
    cta: 'Open dashboard',
  };
}

module.exports = { banner };
