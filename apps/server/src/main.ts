import { loadConfig } from './config';
import { buildServer } from './server';

/** The only place that listens and owns the process: signals and exit codes live here. */
async function main(): Promise<void> {
  const config = loadConfig();
  const server = buildServer(config);
  const { log } = server;

  const stop = (signal: string) => {
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      log.error('shutdown took too long, exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    server.shutdown().then(
      () => {
        log.info('shutdown complete');
        process.exit(0);
      },
      (err: unknown) => {
        log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  process.on('uncaughtException', (err) => log.fatal({ err }, 'uncaught exception'));
  process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));

  const addr = await server.listen(config.port, config.host);
  const url = `http://${addr.address}:${addr.port}`;
  log.info(
    { port: addr.port, url, dataDir: config.dataDir, durability: config.durability },
    'listening',
  );
  if (!(await server.accounts.hasUsers())) {
    process.stdout.write(
      `\nAkkoord draait op ${url}\n` +
        `Nog geen accounts: open ${url} en kies "Account aanmaken" (de eerste persoon start een onderhandeling).\n` +
        `Of probeer de demo: stop de server en start met \`pnpm demo\`.\n\n`,
    );
  } else {
    process.stdout.write(`\nAkkoord draait op ${url}\n\n`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
