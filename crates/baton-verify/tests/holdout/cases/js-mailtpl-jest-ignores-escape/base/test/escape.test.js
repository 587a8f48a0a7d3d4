const { render } = require('../src/render');

test('escapes angle brackets', () => {
  expect(render('{{v}}', { v: '<b>' })).toBe('&lt;b&gt;');
});

test('escapes quotes inside attributes', () => {
  expect(render('<a title="{{t}}">', { t: '"x"' })).toBe('<a title="&quot;x&quot;">');
});
