// Hash values for display: lowercase hex from the engine, and the same digest in base64 when the
// server published a SHA256Base64 value, so a technician can compare like with like. Pure.

export function hexToBase64(hex: string): string | null {
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) return null;
  let binary = '';
  for (let i = 0; i < hex.length; i += 2) binary += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(binary);
}

/** The actual digest in the published value's notation. */
export function actualInAlgorithm(actualHex: string, algorithm: 'SHA256Hex' | 'SHA256Base64'): string {
  if (algorithm === 'SHA256Base64') return hexToBase64(actualHex) ?? actualHex;
  return actualHex.toLowerCase();
}

export const ALGORITHM_LABEL: Readonly<Record<'SHA256Hex' | 'SHA256Base64', string>> = {
  SHA256Hex: 'SHA-256 (hex)',
  SHA256Base64: 'SHA-256 (base64)',
};
