import { ApiProperty } from '@nestjs/swagger';
import { SyncActivityHour } from '../sync-log.repository';
import { SyncActivity } from '../sync-log.service';

export class SyncActivityHourDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the hour (UTC)', example: '2026-11-30T10:00:00.000Z' })
  hour: string;

  @ApiProperty({ description: 'SCIM writes in the hour (each operation of a Bulk request counts once)', example: 120 })
  writes: number;

  @ApiProperty({ description: 'Of which failed (HTTP status 400 or above)', example: 2 })
  failures: number;

  static from(hour: SyncActivityHour): SyncActivityHourDto {
    return { hour: hour.hour.toISOString(), writes: hour.writes, failures: hour.failures };
  }
}

export class SyncActivityResponseDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the first hour counted', example: '2026-11-23T11:00:00.000Z' })
  since: string;

  @ApiProperty({ format: 'date-time', description: 'End of the current hour', example: '2026-11-30T11:00:00.000Z' })
  until: string;

  @ApiProperty({ type: [SyncActivityHourDto], description: 'Hours with at least one write, oldest first' })
  hours: SyncActivityHourDto[];

  static from(activity: SyncActivity): SyncActivityResponseDto {
    return {
      since: activity.since.toISOString(),
      until: activity.until.toISOString(),
      hours: activity.hours.map(SyncActivityHourDto.from),
    };
  }
}
