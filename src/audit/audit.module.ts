import { Module } from '@nestjs/common';
import { AuditLogController } from './audit-log.controller';
import { AuditLogRepository } from './audit-log.repository';

@Module({
  controllers: [AuditLogController],
  providers: [AuditLogRepository],
  exports: [AuditLogRepository],
})
export class AuditModule {}
