import { ApiProperty } from '@nestjs/swagger';
import { IdCursorPageQueryDto } from '../../common/pagination/id-cursor-page.query.dto';
import { IsKnownValue } from '../../common/validation/known-value';

export class ListResetsQueryDto extends IdCursorPageQueryDto {
  @ApiProperty({ enum: ['pending'], description: 'Only pending, unexpired requests are listed' })
  @IsKnownValue(['pending'])
  status: 'pending';
}
