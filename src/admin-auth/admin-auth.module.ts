import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { CompaniesModule } from '../companies/companies.module';
import { AdminKeyStrategy } from './admin-key.strategy';

@Module({
  imports: [PassportModule, CompaniesModule],
  providers: [AdminKeyStrategy],
})
export class AdminAuthModule {}
