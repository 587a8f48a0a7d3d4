export type Handler = (params: Record<string, string>) => string;

interface Route {
  method: string;
  parts: string[];
  handler: Handler;
}

export class Router {
  private routes: Route[] = [];

  add(method: string, path: string, handler: Handler): this {
    this.routes.push({ method, parts: path.split('/').filter(Boolean), handler });
    return this;
  }

  get(path: string, handler: Handler): this {
    return this.add('GET', path, handler);
  }

  post(path: string, handler: Handler): this {
    return this.add('POST', path, handler);
  }

  dispatch(method: string, url: string): string | undefined {
    const parts = url.split('?')[0].split('/').filter(Boolean);
    for (const route of this.routes) {
      if (route.method !== method) continue;
      const params = this.match(route.parts, parts);
      if (params) return route.handler(params);
    }
    return undefined;
  }

  private match(pattern: string[], parts: string[]): Record<string, string> | null {
    const params: Record<string, string> = {};
    for (let i = 0; i < pattern.length; i++) {
      const p = pattern[i];
      if (p === '*') {
        params['*'] = parts.slice(i).join('/');
        return params;
      }
      if (i >= parts.length) return null;
      if (p.startsWith(':')) {
        params[p.slice(1)] = decodeURIComponent(parts[i]);
      } else if (p !== parts[i]) {
        return null;
      }
    }
    return pattern.length === parts.length ? params : null;
  }
}
