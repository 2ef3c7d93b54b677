import { Module } from '@nestjs/common';
import { CredentialLookupsRepository } from './credential-lookups.repository';
import { CredentialLookupsService } from './credential-lookups.service';

/** The global credential lookup: from a token's or key's hash to its company and owning row. */
@Module({ providers: [CredentialLookupsRepository, CredentialLookupsService], exports: [CredentialLookupsService] })
export class CredentialsModule {}
