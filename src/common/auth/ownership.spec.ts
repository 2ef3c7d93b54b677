import { DirectoryProvider } from './directory-provider';
import { ChangeSources } from './change-source';
import { assertMayChange, ManagedByAnotherSourceException, mayChange } from './ownership';

const OKTA = 'a0000000-0000-4000-8000-000000000001';
const ENTRA = 'a0000000-0000-4000-8000-000000000002';
const okta = ChangeSources.scim(OKTA, DirectoryProvider.Okta);
const managedByOkta = { integrationId: OKTA, integrationProvider: 'okta' };
const unmanaged = { integrationId: null, integrationProvider: null };

describe(mayChange.name, () => {
  it.each([
    ['its own integration', okta, managedByOkta, true],
    ['another integration', ChangeSources.scim(ENTRA, DirectoryProvider.EntraId), managedByOkta, false],
    ['an unmanaged resource', okta, unmanaged, false],
    ['an admin, whoever manages it', ChangeSources.admin('admin-id', null), managedByOkta, true],
    ['a service', ChangeSources.internal('vault'), managedByOkta, true],
    ['a system job', ChangeSources.system('retention'), unmanaged, true],
  ])('%s: %s', (_label, source, resource, expected) => {
    expect(mayChange(source, resource)).toBe(expected);
  });
});

describe(assertMayChange.name, () => {
  it('names the managing tab, or says that no tab manages the resource', () => {
    const entra = ChangeSources.scim(ENTRA, DirectoryProvider.EntraId);
    expect(() => assertMayChange(entra, managedByOkta, 'User ada@acme.test')).toThrow(
      new ManagedByAnotherSourceException(
        'User ada@acme.test is managed by the okta directory integration: only that source changes it',
        'okta',
      ),
    );
    expect(() => assertMayChange(entra, unmanaged, 'Group Sales')).toThrow(/Group Sales is not managed by a directory integration/);
    expect(() => assertMayChange(okta, managedByOkta, 'User ada@acme.test')).not.toThrow();
  });
});
