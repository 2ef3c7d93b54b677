import { Module } from '@nestjs/common';
import { RateLimitCountersRepository } from './rate-limit-counters.repository';

/** The shared counters, for the throttler's storage (which the throttler module builds itself). */
@Module({ providers: [RateLimitCountersRepository], exports: [RateLimitCountersRepository] })
export class RateLimitCountersModule {}
