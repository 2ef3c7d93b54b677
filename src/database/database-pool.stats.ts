import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/** What pg's Pool counts about its connections, read when asked (for the metrics' gauges). */
export interface DatabasePoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

@Injectable()
export class DatabasePoolStats {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  read(): DatabasePoolCounts {
    return (this.dataSource.driver as PostgresDriver).master as DatabasePoolCounts;
  }
}
