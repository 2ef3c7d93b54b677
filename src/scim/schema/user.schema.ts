import { ScimSchemaUri } from '../scim.constants';
import { attribute, complex, multiValued } from './attribute-builders';
import { ScimSchemaDefinition } from './scim-schema.types';

/** RFC 7643 §4.1 and §8.7.1. */
export const USER_SCHEMA: ScimSchemaDefinition = {
  id: ScimSchemaUri.User,
  name: 'User',
  description: 'User Account',
  attributes: [
    attribute('userName', 'string', 'Unique identifier for the User, here the email address. Unique per company, case-insensitively.', {
      required: true,
      uniqueness: 'server',
    }),
    complex('name', "The components of the user's real name.", [
      attribute('formatted', 'string', 'The full name, formatted for display.'),
      attribute('familyName', 'string', 'The family name of the User.'),
      attribute('givenName', 'string', 'The given name of the User.'),
      attribute('middleName', 'string', 'The middle name(s) of the User.'),
      attribute('honorificPrefix', 'string', 'The honorific prefix(es) of the User.'),
      attribute('honorificSuffix', 'string', 'The honorific suffix(es) of the User.'),
    ]),
    attribute('displayName', 'string', 'The name of the User, suitable for display to end-users.'),
    attribute('nickName', 'string', 'The casual way to address the user in real life.'),
    attribute('profileUrl', 'reference', "A fully qualified URL pointing to the User's online profile.", {
      referenceTypes: ['external'],
    }),
    attribute('title', 'string', 'The user\'s title, such as "Vice President".'),
    attribute('userType', 'string', 'Used to identify the relationship between the organization and the user.'),
    attribute('preferredLanguage', 'string', "The User's preferred written or spoken language (RFC 7231 Accept-Language)."),
    attribute('locale', 'string', "The User's default location for localizing currency, dates and numbers."),
    attribute('timezone', 'string', "The User's time zone in the IANA Time Zone database format."),
    attribute('active', 'boolean', "The User's administrative status: false disables the account, keeping its vault."),
    attribute('password', 'string', 'Accepted and discarded: the vault is zero-knowledge and never stores it.', {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    multiValued('emails', 'Email addresses for the user.', attribute('value', 'string', 'An email address.'), ['work', 'home', 'other']),
    multiValued('phoneNumbers', 'Phone numbers for the User.', attribute('value', 'string', 'A phone number.'), [
      'work',
      'home',
      'mobile',
      'fax',
      'pager',
      'other',
    ]),
    multiValued('ims', 'Instant messaging addresses for the User.', attribute('value', 'string', 'An instant messaging address.'), [
      'aim',
      'gtalk',
      'icq',
      'xmpp',
      'msn',
      'skype',
      'qq',
      'yahoo',
    ]),
    multiValued(
      'photos',
      'URLs of photos of the User.',
      attribute('value', 'reference', 'The URL of a photo of the User.', { referenceTypes: ['external'] }),
      ['photo', 'thumbnail'],
    ),
    complex(
      'addresses',
      'A physical mailing address for this User.',
      [
        attribute('formatted', 'string', 'The full mailing address, formatted for display.'),
        attribute('streetAddress', 'string', 'The full street address component.'),
        attribute('locality', 'string', 'The city or locality component.'),
        attribute('region', 'string', 'The state or region component.'),
        attribute('postalCode', 'string', 'The zip code or postal code component.'),
        attribute('country', 'string', 'The country name component.'),
        attribute('type', 'string', "A label indicating the attribute's function.", { canonicalValues: ['work', 'home', 'other'] }),
        attribute('primary', 'boolean', 'Indicates the preferred mailing address.'),
      ],
      { multiValued: true },
    ),
    complex(
      'groups',
      'Groups the user belongs to; changed only through the Group resource.',
      [
        attribute('value', 'string', 'The identifier of the Group.', { mutability: 'readOnly' }),
        attribute('$ref', 'reference', 'The URI of the Group.', { mutability: 'readOnly', referenceTypes: ['Group'] }),
        attribute('display', 'string', 'The displayName of the Group.', { mutability: 'readOnly' }),
        attribute('type', 'string', 'How the membership was derived.', { mutability: 'readOnly', canonicalValues: ['direct'] }),
      ],
      { multiValued: true, mutability: 'readOnly' },
    ),
    multiValued('entitlements', 'A list of entitlements for the User.', attribute('value', 'string', 'An entitlement.')),
    multiValued('roles', 'A list of roles for the User.', attribute('value', 'string', 'A role.')),
    multiValued(
      'x509Certificates',
      'A list of certificates issued to the User.',
      attribute('value', 'binary', 'A DER-encoded X.509 certificate, base64-encoded.'),
    ),
  ],
};
