import { guidToString } from './object-guid';

describe(guidToString.name, () => {
  it('reverses the first three fields, as Active Directory stores them', () => {
    // The bytes of {01020304-0506-0708-090a-0b0c0d0e0f10} as AD returns them.
    const bytes = Buffer.from('04030201060508070' + '90a0b0c0d0e0f10', 'hex');
    expect(guidToString(bytes)).toBe('01020304-0506-0708-090a-0b0c0d0e0f10');
  });

  it('refuses a value that is not 16 bytes', () => {
    expect(() => guidToString(Buffer.alloc(15))).toThrow('16 bytes');
  });
});
