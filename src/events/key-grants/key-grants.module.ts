import { Module } from '@nestjs/common';
import { EventsModule } from '../events.module';
import { AdminKeyGrantsController } from './admin-key-grants.controller';
import { InternalKeyGrantsController } from './internal-key-grants.controller';
import { KeyGrantCursorRepository } from './key-grant-cursor.repository';
import { KeyGrantPlanner } from './key-grant.planner';
import { KeyGrantTasksRepository } from './key-grant-tasks.repository';
import { KeyGrantsConsumer } from './key-grants.consumer';
import { KeyGrantsService } from './key-grants.service';

/** The zero-knowledge key hand-off: tasks derived from the change events, leased by the customer's encryption service. */
@Module({
  imports: [EventsModule],
  controllers: [InternalKeyGrantsController, AdminKeyGrantsController],
  providers: [KeyGrantTasksRepository, KeyGrantCursorRepository, KeyGrantPlanner, KeyGrantsConsumer, KeyGrantsService],
  exports: [KeyGrantsService],
})
export class KeyGrantsModule {}
