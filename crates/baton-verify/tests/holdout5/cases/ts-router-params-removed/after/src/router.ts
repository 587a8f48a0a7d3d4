export type Handler = (params: Record<string, string>) => string;

interface Route {
  method: string;
  path: string;
  handler: Handler;
}

export class Router {
  private routes: Route[] = [];

  add(method: string, path: string, handler: Handler): this {
    this.routes.push({ method, path, handler });
    return this;
  }

  get(path: string, handler: Handler): this {
    return this.add('GET', path, handler);
  }

  dispatch(method: string, url: string): string | undefined {
    const path = url.split('?')[0];
    const route = this.routes.find((r) => r.method === method && r.path === path);
    return route ? route.handler({}) : undefined;
  }
}
