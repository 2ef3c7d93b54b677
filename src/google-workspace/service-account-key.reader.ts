import { Injectable } from '@nestjs/common';
import { DomainErrorCode, DomainException } from '../common/errors/domain.exception';
import { GoogleWorkspaceConnection } from './entities/google-workspace-connection.entity';
import { ServiceAccountKeyCipher } from './service-account-key.cipher';
import { parseServiceAccountKey, ServiceAccountKey } from './service-account-key';

/** The connection's service account key, decrypted for one run or test: held in memory only while it is used. */
@Injectable()
export class ServiceAccountKeyReader {
  constructor(private readonly cipher: ServiceAccountKeyCipher) {}

  read(connection: GoogleWorkspaceConnection): ServiceAccountKey {
    if (!connection.encryptedKey) {
      throw new DomainException(DomainErrorCode.PreconditionFailed, 'No service account key was uploaded: upload its JSON key first');
    }
    return parseServiceAccountKey(this.cipher.decrypt(connection.encryptedKey));
  }
}
