'use strict';

function parseQuery(qs) {
  const out = {};
  for (const part of qs.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const [k, v = ''] = part.split('=');
    const key = decodeURIComponent(k);
    const val = decodeURIComponent(v.replace(/\+/g, ' '));
    if (key in out) out[key] = [].concat(out[key], val);
    else out[key] = val;
  }
  return out;
}

module.exports = { parseQuery };
