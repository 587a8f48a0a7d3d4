jest.mock('axios');

const axios = require('axios');
const { displayName } = require('./user');

test('prefers the nickname', async () => {
  axios.get.mockResolvedValue({ data: { nickname: 'ada', first: 'Ada', last: 'L' } });
  await expect(displayName(1)).resolves.toBe('ada');
  expect(axios.get).toHaveBeenCalledWith('/api/users/1');
});

test('falls back to the full name', async () => {
  axios.get.mockResolvedValue({ data: { first: 'Ada', last: 'Lovelace' } });
  await expect(displayName(2)).resolves.toBe('Ada Lovelace');
});
