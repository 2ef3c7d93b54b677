import { Module } from '@nestjs/common';
import { DiscoveryController } from './discovery/discovery.controller';
import { ScimUrls } from './scim-urls';

@Module({
  controllers: [DiscoveryController],
  providers: [ScimUrls],
})
export class ScimModule {}
