const { validateConfig } = require('../src/validate');

describe('validateConfig', () => {
  test('accepts minimal config', () => {
    expect(validateConfig({ name: 'api', port: 8080 })).toEqual([]);
  });

  test('accepts server block', () => {
    expect(validateConfig({ name: 'api', server: { host: '0.0.0.0' } })).toEqual([]);
  });

  test('accepts tls block', () => {
    const cfg = { name: 'api', server: { host: 'x', tls: { cert: 'c.pem', key: 'k.pem' } } };
    expect(validateConfig(cfg)).toEqual([]);
  });
});
