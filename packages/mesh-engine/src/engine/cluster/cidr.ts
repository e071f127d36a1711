/** IPv4 and IPv6 addresses and CIDRs as BigInt ranges, for containment tests. */
interface AddressRange {
  family: 4 | 6;
  first: bigint;
  last: bigint;
}

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(Number(part));
  }
  return value;
}

function parseIPv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if ((halves.length === 1 && missing !== 0) || missing < 0) return undefined;
  const groups = [
    ...head,
    ...Array(halves.length === 2 ? missing : 0).fill('0'),
    ...tail,
  ];
  let value = 0n;
  for (const group of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    value = (value << 16n) | BigInt(parseInt(group, 16));
  }
  return value;
}

/** Parses `10.0.0.0/8`, `fd00::/8` or a bare address (a /32 or /128). */
export function parseCidr(text: string): AddressRange | undefined {
  const [address, prefixText] = text.trim().split('/');
  const family = address.includes(':') ? 6 : 4;
  const value = family === 4 ? parseIPv4(address) : parseIPv6(address);
  if (value === undefined) return undefined;
  const bits = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > bits)
    return undefined;
  const hostBits = BigInt(bits - prefix);
  const first = (value >> hostBits) << hostBits;
  return { family, first, last: first + (1n << hostBits) - 1n };
}

/** Parsed networks by list: the same few lists are asked about every pod. */
const parsedNetworks = new WeakMap<readonly string[], AddressRange[]>();

/** True when `inner` (address or CIDR) lies inside one of `networks`. */
export function isWithinNetworks(
  inner: string,
  networks: readonly string[],
): boolean {
  const range = parseCidr(inner);
  if (!range) return false;
  let ranges = parsedNetworks.get(networks);
  if (!ranges) {
    ranges = networks.flatMap(network => parseCidr(network) ?? []);
    parsedNetworks.set(networks, ranges);
  }
  return ranges.some(
    outer =>
      outer.family === range.family &&
      outer.first <= range.first &&
      range.last <= outer.last,
  );
}
