const { installPolyfills } = require('../src/polyfills');

test('installs without throwing on modern runtimes', () => {
  expect(installPolyfills()).toBe(true);
});
