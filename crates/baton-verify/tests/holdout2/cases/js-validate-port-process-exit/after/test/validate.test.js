'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const { validateConfig, ConfigError } = require('../src/validate');

test('accepts a valid config', () => {
  assert.deepEqual(validateConfig({ host: 'db', port: 5432 }), { host: 'db', port: 5432, tls: false });
});

test('requires a host', () => {
  assert.throws(() => validateConfig({ port: 80 }), ConfigError);
});

test('rejects port 0', () => {
  assert.throws(() => validateConfig({ host: 'x', port: 0 }), (err) => err.field === 'port');
});

test('rejects port 70000', () => {
  assert.throws(() => validateConfig({ host: 'x', port: 70000 }), (err) => err.field === 'port');
});
