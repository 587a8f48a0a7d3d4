const { renderTable } = require('../src/table');

describe('renderTable', () => {
  test('empty', () => {
    expect(renderTable([])).toBe('');
  });

  test('pads columns to the widest cell including headers', () => {
    expect(renderTable([{ name: 'apple', qty: 3 }, { name: 'fig', qty: 12 }])).toMatchSnapshot();
  });
});
