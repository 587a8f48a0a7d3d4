const { banner } = require('../src/banner');

describe('banner', () => {
  test('named user', () => {
    expect(banner({ displayName: 'Priya' })).toMatchSnapshot();
  });

  test('anonymous', () => {
    expect(banner(null)).toMatchSnapshot();
  });
});
