const { render } = require('../lib/template');

test('substitutes variables', () => {
  expect(render('Hi {{name}}!', { name: 'Ana' })).toBe('Hi Ana!');
});

test('missing variables become empty', () => {
  expect(render('Hi {{ name }}!', {})).toBe('Hi !');
});
