export interface Order {
  id: string;
  status: "pending" | "paid" | "failed";
}

export class CheckoutClient {
  constructor(private readonly base: string) {}

  private async post<T>(path: string, body: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
    return (await res.json()) as T;
  }

  createOrder(items: { sku: string; qty: number }[]): Promise<Order> {
    return this.post<Order>("/orders", { items });
  }

  pay(orderId: string, token: string): Promise<Order> {
    return this.post<Order>(`/orders/${encodeURIComponent(orderId)}/pay`, { token });
  }
}
