/**
 * The percent-encoding both Alibaba Cloud signature schemes use: RFC 3986 unreserved characters
 * (`A-Z a-z 0-9 - _ . ~`) stay, everything else becomes `%XY` of its UTF-8 bytes, upper-case hex.
 * `encodeURIComponent` leaves `! ' ( ) *` alone, so they are encoded here explicitly.
 */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
