'use strict';

// IE11 shims
function installPolyfills(g = globalThis) {
  if (!Array.prototype.includes) {
    Object.defineProperty(Array.prototype, 'includes', {
      value(x) { return this.indexOf(x) !== -1; },
    });
  }
  if (!String.prototype.startsWith) {
    Object.defineProperty(String.prototype, 'startsWith', {
      value(s, pos = 0) { return this.substr(pos, s.length) === s; },
    });
  }
  if (!g.Promise) {
    throw new Error('Promise polyfill required');
  }
  return true;
}

module.exports = { installPolyfills };
