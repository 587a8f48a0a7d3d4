export interface GeoInfo {
  ip: string;
  country: string;
  city: string | null;
}

export function parseResponse(body: Record<string, unknown>): GeoInfo {
  return {
    ip: String(body.ip),
    country: String(body.country),
    city: typeof body.city === "string" ? body.city : null,
  };
}

export async function lookup(ip: string, token = process.env.IPINFO_TOKEN): Promise<GeoInfo> {
  const url = `https://ipinfo.io/${encodeURIComponent(ip)}/json${token ? `?token=${token}` : ""}`;
  const res = await fetch(url);
  if (!res.ok) throw new Error(`ipinfo: HTTP ${res.status}`);
  return parseResponse((await res.json()) as Record<string, unknown>);
}
