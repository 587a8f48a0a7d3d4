'use strict';

/**
 * Delay calls to `fn` until `wait` ms have passed without another call.
 * `leading: true` also fires on the first call of a burst.
 */
function debounce(fn, wait, { leading = false } = {}) {
  let timer = null;
  let lastArgs;
  const debounced = function (...args) {
    lastArgs = args;
    const callNow = leading && timer === null;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (!leading) fn.apply(this, lastArgs);
    }, wait);
    if (callNow) fn.apply(this, args);
  };
  debounced.cancel = () => {
    clearTimeout(timer);
    timer = null;
  };
  return debounced;
}

module.exports = { debounce };
