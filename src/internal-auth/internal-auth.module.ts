import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { InternalServiceStrategy } from './internal-service.strategy';

@Module({
  imports: [PassportModule],
  providers: [InternalServiceStrategy],
})
export class InternalAuthModule {}
