// The share link keeps the source in the URL fragment (never sent to the server): #source=BASE64URL(UTF-8).

export function encodeSource(source) {
  const bytes = new TextEncoder().encode(source);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeSource(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "===".slice((b64.length + 3) % 4));
  return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The source in a location hash, or null. */
export function sourceFromHash(hash) {
  const m = /^#source=([A-Za-z0-9_-]*)$/.exec(hash);
  if (!m) return null;
  try {
    return decodeSource(m[1]);
  } catch {
    return null;
  }
}
