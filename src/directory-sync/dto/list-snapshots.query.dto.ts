import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { IdCursorPageQueryDto } from '../../common/pagination/id-cursor-page.query.dto';
import { SnapshotState } from '../entities/directory-snapshot.entity';

export class ListSnapshotsQueryDto extends IdCursorPageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the snapshots of this source (directory integration)' })
  @IsOptional()
  @IsUUID()
  integrationId?: string;

  @ApiPropertyOptional({ enum: SnapshotState, description: 'Only snapshots in this state, e.g. held ones waiting for an admin' })
  @IsOptional()
  @IsIn(Object.values(SnapshotState))
  state?: SnapshotState;
}
