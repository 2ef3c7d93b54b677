/** One tab per identity provider on the console's Directory integrations page. */
export enum DirectoryProvider {
  Okta = 'okta',
  EntraId = 'entra-id',
  OneLogin = 'onelogin',
  PingOne = 'pingone',
  GoogleWorkspace = 'google-workspace',
  JumpCloud = 'jumpcloud',
  Generic = 'generic',
}
