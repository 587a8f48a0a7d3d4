'use strict';

const API = 'https://api.example-weather.com/v1/forecast';

/** Fetch a daily forecast for a city: [{ date, min, max }] in degrees Celsius. */
async function getForecast(city, { apiKey = process.env.WEATHER_KEY, fetchImpl = globalThis.fetch } = {}) {
  const url = `${API}?q=${encodeURIComponent(city)}&key=${apiKey}`;
  const res = await fetchImpl(url);
  if (!res.ok) throw new Error(`weather API returned ${res.status}`);
  const body = await res.json();
  return body.daily.map((d) => ({ date: d.date, min: d.temp_min, max: d.temp_max }));
}

module.exports = { getForecast };
