#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from './config-error';
import { ConnectorConfig, loadConfig } from './connector-config';
import { runOnce } from './connector-run';
import { Logger } from './logger';
import { ServiceClient } from './service-client';

/** Exit codes: a run failed (nothing or not everything was applied), the configuration or command line is wrong. */
const RUN_FAILED = 1;
const BAD_CONFIGURATION = 2;

const USAGE = 'Usage: dps-directory-connector --config connector.yaml [--once] [--dry-run]';

const logger = new Logger();

async function main(): Promise<number> {
  let options: { config?: string; once?: boolean; 'dry-run'?: boolean };
  try {
    options = parseArgs({
      options: { config: { type: 'string' }, once: { type: 'boolean' }, 'dry-run': { type: 'boolean' } },
    }).values;
  } catch (error) {
    logger.error(`${(error as Error).message}\n${USAGE}`);
    return BAD_CONFIGURATION;
  }
  if (!options.config) {
    logger.error(`--config is required\n${USAGE}`);
    return BAD_CONFIGURATION;
  }
  let config: ConnectorConfig;
  try {
    config = loadConfig(options.config);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    logger.error(`Configuration error in ${options.config}: ${error.message}`);
    return BAD_CONFIGURATION;
  }
  logger.mask(config.ldap.bindPassword);
  logger.mask(config.service.token);
  if (options['dry-run']) config.sync.dryRun = true;
  const version = agentVersion();
  const service = new ServiceClient(config.service.url, config.service.token, version, config.retry, logger);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  logger.info(`dps-directory-connector ${version}${config.sync.dryRun ? ' (dry run)' : ''}`);

  // A dry run always runs once: it shows what the next run would change.
  if (options.once || config.sync.dryRun) return (await runOnce(config, service, logger, print)) === 'failed' ? RUN_FAILED : 0;
  for (;;) {
    await runOnce(config, service, logger, print);
    await new Promise((resolve) => setTimeout(resolve, config.sync.intervalMinutes * 60_000));
  }
}

function agentVersion(): string {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    logger.error(error instanceof Error ? error.message : String(error));
    process.exit(RUN_FAILED);
  },
);
