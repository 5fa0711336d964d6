// Turns what a technician pastes (one id per line, or comma separated, maybe with stray spaces or
// blank lines) into the list of catalog ids to start, in order, without duplicates. Pure.

export const MAX_IDS_PER_START = 50;

export function parseCatalogIds(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(/[\n\r,;]+/)) {
    const id = part.trim();
    if (id.length > 0) seen.add(id);
  }
  return [...seen];
}
