import { Global, Module } from '@nestjs/common';
import { DirectoryIntegrationsModule } from '../directory-integrations/directory-integrations.module';
import { MetricsController } from './metrics.controller';
import { MetricsTokenGuard } from './metrics-token.guard';
import { MetricsService } from './metrics.service';

/** Prometheus metrics, global so that any module can count what it does. */
@Global()
@Module({
  imports: [DirectoryIntegrationsModule],
  controllers: [MetricsController],
  providers: [MetricsService, MetricsTokenGuard],
  exports: [MetricsService],
})
export class MetricsModule {}
