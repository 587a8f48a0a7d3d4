'use strict';

function banner(user) {
  const name = user && user.displayName ? user.displayName : null;
  return {
    title: name ? `Welcome back, ${name}!` : 'Welcome back!',
    cta: 'Go to your dashboard',
  };
}

module.exports = { banner };
