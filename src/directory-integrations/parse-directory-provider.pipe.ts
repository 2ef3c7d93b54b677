import { Injectable, PipeTransform } from '@nestjs/common';
import { parseKnownValue } from '../common/validation/known-value';
import { ALL_DIRECTORY_PROVIDERS, DirectoryProvider } from '../common/auth/directory-provider';

/** A provider in the route, in any case (`Okta` is `okta`); an unknown one is a 400 that lists the valid names. */
@Injectable()
export class ParseDirectoryProviderPipe implements PipeTransform<string, DirectoryProvider> {
  transform(value: string): DirectoryProvider {
    return parseKnownValue('provider', value, ALL_DIRECTORY_PROVIDERS);
  }
}
