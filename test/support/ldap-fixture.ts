import { SUFFIX } from './slapd-server';

export const PEOPLE = `ou=people,${SUFFIX}`;
export const GROUPS = `ou=groups,${SUFFIX}`;
export const STAFF = `ou=staff,${SUFFIX}`;

export interface AdUser {
  index: number;
  disabled?: boolean;
}

export interface FixtureGroup {
  name: string;
  users: number[];
  groups: string[];
}

export function userDn(index: number): string {
  return `cn=${userName(index)},${PEOPLE}`;
}

export function groupDn(name: string): string {
  return `cn=${name},${GROUPS}`;
}

export function userName(index: number): string {
  return `user${String(index).padStart(5, '0')}`;
}

export function email(index: number): string {
  return `${userName(index)}@acme.test`;
}

/** The user's objectGUID in the standard string form: the test's expectation, not computed by the agent's code. */
export function guidOf(index: number): string {
  return `${index.toString(16).padStart(8, '0')}-1a2b-3c4d-8e9f-a0b1c2d3e4f5`;
}

/** The 16 bytes Active Directory stores for a GUID: Data1, Data2 and Data3 little-endian, the rest as written. */
export function guidBytes(guid: string): Buffer {
  const [data1, data2, data3, data4, data5] = guid.split('-');
  const reversed = (hex: string) => Buffer.from(hex, 'hex').reverse();
  return Buffer.concat([reversed(data1), reversed(data2), reversed(data3), Buffer.from(data4 + data5, 'hex')]);
}

/** AD-like users (inetOrgPerson with the adLiteUser attributes) under ou=people and groupOfNames under ou=groups. */
export function adDirectoryLdif(users: AdUser[], groups: FixtureGroup[]): string {
  const chunks = [
    `dn: ${PEOPLE}\nobjectClass: organizationalUnit\nou: people\n\n`,
    `dn: ${GROUPS}\nobjectClass: organizationalUnit\nou: groups\n\n`,
  ];
  for (const user of users) chunks.push(adUserLdif(user));
  for (const group of groups) chunks.push(groupLdif(group));
  return chunks.join('');
}

export function adUserLdif({ index, disabled }: AdUser): string {
  const name = userName(index);
  return [
    `dn: ${userDn(index)}`,
    'objectClass: inetOrgPerson',
    'objectClass: adLiteUser',
    `cn: ${name}`,
    `sn: Surname${index}`,
    `givenName: Given${index}`,
    `displayName: Given${index} Surname${index}`,
    `mail: ${email(index)}`,
    `userPrincipalName: ${name}@corp.acme.test`,
    `sAMAccountName: ${name}`,
    `department: Dept${index % 5}`,
    'title: Engineer',
    // Each ten users report to the first of them.
    ...(index % 10 === 0 ? [] : [`manager: ${userDn(index - (index % 10))}`]),
    `userAccountControl: ${disabled ? 514 : 512}`,
    `objectGUID:: ${guidBytes(guidOf(index)).toString('base64')}`,
    '',
    '',
  ].join('\n');
}

function groupLdif(group: FixtureGroup): string {
  const members = [...group.users.map(userDn), ...group.groups.map(groupDn)];
  return [
    `dn: ${groupDn(group.name)}`,
    'objectClass: groupOfNames',
    `cn: ${group.name}`,
    ...members.map((dn) => `member: ${dn}`),
    '',
    '',
  ].join('\n');
}

/** Plain OpenLDAP users (entryUUID, mail; no AD attributes) under ou=staff; `locked` get ppolicy's account lock. */
export function openLdapStaffLdif(names: string[], locked: string[]): string {
  const chunks = [`dn: ${STAFF}\nobjectClass: organizationalUnit\nou: staff\n\n`];
  for (const name of names) {
    chunks.push(
      [
        `dn: uid=${name},${STAFF}`,
        'objectClass: inetOrgPerson',
        `uid: ${name}`,
        `cn: ${name}`,
        `sn: ${name}`,
        `mail: ${name}@staff.acme.test`,
        ...(locked.includes(name) ? ['pwdAccountLockedTime: 000001010000Z'] : []),
        '',
        '',
      ].join('\n'),
    );
  }
  return chunks.join('');
}

export const range = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, offset) => from + offset);
