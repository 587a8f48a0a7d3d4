const { render } = require('../lib/template');

test('uses default when missing', () => {
  expect(render('Hi {{ name | Guest }}!', {})).toBe('Hi Guest!');
});

test('ignores default when present', () => {
  expect(render('Hi {{ name | Guest }}!', { name: 'Bo' })).toBe('Hi Bo!');
});

test('default may contain spaces', () => {
  expect(render('{{ who | dear reader }}', {})).toBe('dear reader');
});
