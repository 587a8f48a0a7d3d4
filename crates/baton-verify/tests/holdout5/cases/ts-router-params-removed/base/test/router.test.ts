import { Router } from '../src/router';

it('dispatches static GET routes', () => {
  const r = new Router().get('/health', () => 'ok');
  expect(r.dispatch('GET', '/health')).toBe('ok');
});
