import { Injectable, PipeTransform } from '@nestjs/common';
import { DomainException } from '../common/errors/domain.exception';
import { DirectoryProvider, isDirectoryProvider } from './directory-provider';

/** A provider in the route: an unknown one is a tab that does not exist, so 404. */
@Injectable()
export class ParseDirectoryProviderPipe implements PipeTransform<string, DirectoryProvider> {
  transform(value: string): DirectoryProvider {
    if (!isDirectoryProvider(value)) throw DomainException.notFound(`Directory provider ${JSON.stringify(value)}`);
    return value;
  }
}
