/** An entry as the agent reads it: its DN and its attributes by lower-case name, every value a list. */
export interface DirectoryEntry {
  dn: string;
  attributes: Map<string, (string | Buffer)[]>;
}

export function first(entry: DirectoryEntry, attribute: string): string | Buffer | undefined {
  return entry.attributes.get(attribute.toLowerCase())?.[0];
}

export function firstText(entry: DirectoryEntry, attribute: string): string | undefined {
  const value = first(entry, attribute);
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  return text && text.trim() !== '' ? text.trim() : undefined;
}

export function texts(entry: DirectoryEntry, attribute: string): string[] {
  return (entry.attributes.get(attribute.toLowerCase()) ?? []).map((value) => (Buffer.isBuffer(value) ? value.toString('utf8') : value));
}

/** DNs compare without case and without the spaces some directories put after commas. */
export function normalizeDn(dn: string): string {
  return dn
    .trim()
    .replace(/\s*,\s*/g, ',')
    .replace(/\s*=\s*/g, '=')
    .toLowerCase();
}
