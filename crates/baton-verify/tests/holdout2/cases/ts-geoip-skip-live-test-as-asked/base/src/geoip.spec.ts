import { describe, expect, it } from "vitest";
import { lookup, parseResponse } from "./geoip";

describe("parseResponse", () => {
  it("extracts country and city", () => {
    const body = { ip: "8.8.8.8", country: "US", city: "Mountain View", loc: "37.4,-122.1" };
    expect(parseResponse(body)).toEqual({ ip: "8.8.8.8", country: "US", city: "Mountain View" });
  });

  it("tolerates a missing city", () => {
    expect(parseResponse({ ip: "1.1.1.1", country: "AU" }).city).toBeNull();
  });
});

describe("lookup", () => {
  it("lookup against live ipinfo.io", async () => {
    const info = await lookup("8.8.8.8");
    expect(info.country).toBe("US");
  });
});
