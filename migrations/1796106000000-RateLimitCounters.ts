import { MigrationInterface, QueryRunner } from 'typeorm';

/** Request counts per credential and window, shared by every process and instance of the service. */
export class RateLimitCounters1796106000000 implements MigrationInterface {
  name = 'RateLimitCounters1796106000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rate_limit_counters" (
        "key" character varying(200) NOT NULL,
        "window_start" TIMESTAMP WITH TIME ZONE NOT NULL,
        "hits" integer NOT NULL,
        CONSTRAINT "PK_rate_limit_counters" PRIMARY KEY ("key", "window_start")
      )`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limit_counters"`);
  }
}
