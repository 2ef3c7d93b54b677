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

export const ALL_DIRECTORY_PROVIDERS: readonly DirectoryProvider[] = Object.values(DirectoryProvider);
