const { render } = require('../src/render');

test('substitutes variables', () => {
  expect(render('Hi {{ name }}!', { name: 'Ada' })).toBe('Hi Ada!');
});

test('missing variables render empty', () => {
  expect(render('[{{x}}]', {})).toBe('[]');
});
