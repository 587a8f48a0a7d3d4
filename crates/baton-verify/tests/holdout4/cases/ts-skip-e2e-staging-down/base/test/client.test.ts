import { afterEach, expect, test, vi } from "vitest";
import { CheckoutClient } from "../src/client";

afterEach(() => vi.unstubAllGlobals());

test("pay url-encodes the order id", async () => {
  const fetchMock = vi.fn().mockResolvedValue(
    new Response(JSON.stringify({ id: "a/b", status: "paid" }), { status: 200 }),
  );
  vi.stubGlobal("fetch", fetchMock);
  await new CheckoutClient("http://x").pay("a/b", "tok");
  expect(fetchMock.mock.calls[0][0]).toBe("http://x/orders/a%2Fb/pay");
});
