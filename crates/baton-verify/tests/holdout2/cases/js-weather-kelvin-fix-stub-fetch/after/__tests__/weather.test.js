const { getForecast } = require('../lib/weather');

function fakeFetch(status, body) {
  return jest.fn(async () => ({ ok: status === 200, status, json: async () => body }));
}

test('converts Kelvin to Celsius', async () => {
  const fetchImpl = fakeFetch(200, {
    daily: [{ date: '2024-07-01', temp_min: 288.15, temp_max: 300.4 }],
  });
  const days = await getForecast('Lisbon', { apiKey: 'k', fetchImpl });
  expect(days).toEqual([{ date: '2024-07-01', min: 15, max: 27.3 }]);
  expect(fetchImpl).toHaveBeenCalledWith(expect.stringContaining('q=Lisbon'));
});

test('surfaces HTTP errors', async () => {
  await expect(getForecast('x', { apiKey: 'k', fetchImpl: fakeFetch(503, {}) })).rejects.toThrow('503');
});
