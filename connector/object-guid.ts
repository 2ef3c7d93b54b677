/**
 * Active Directory's objectGUID (16 bytes) in the standard string form. The first three fields are stored
 * little-endian (Microsoft's GUID layout), so their bytes are reversed; the last eight are in order.
 */
export function guidToString(bytes: Buffer): string {
  if (bytes.length !== 16) throw new Error(`an objectGUID has 16 bytes, not ${bytes.length}`);
  const hex = (indexes: number[]) => indexes.map((index) => bytes[index].toString(16).padStart(2, '0')).join('');
  return [hex([3, 2, 1, 0]), hex([5, 4]), hex([7, 6]), hex([8, 9]), hex([10, 11, 12, 13, 14, 15])].join('-');
}
