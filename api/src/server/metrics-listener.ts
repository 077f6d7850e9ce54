/**
 * Prometheus metrics on a port of their own (METRICS_PORT, on METRICS_HOST,
 * 127.0.0.1 unless set), so the public port never serves them: they tell
 * an outsider the traffic, the error codes and the pool sizes. Without
 * METRICS_PORT, development serves /metrics on the API's port and production
 * serves none.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Config } from '../config';
import type { Logger } from './logger';
import type { Metrics } from './metrics';

export interface MetricsListener {
  /** e.g. http://127.0.0.1:9464/metrics */
  url: string;
  close(): Promise<void>;
}

/** Whether /metrics is served on the public port (development without METRICS_PORT). */
export function metricsOnPublicPort(config: Config): boolean {
  return config.metricsPort === undefined && !config.production;
}

export async function startMetricsListener(config: Config, metrics: Metrics, logger: Logger): Promise<MetricsListener | undefined> {
  if (config.metricsPort === undefined) {
    if (config.production) logger.info('metrics are off: set METRICS_PORT to serve /metrics on a port of their own');
    return undefined;
  }
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', metrics.handler());
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.metricsPort, config.metricsHost, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.metricsHost.includes(':') ? `[${config.metricsHost}]` : config.metricsHost;
  const url = `http://${host}:${port}/metrics`;
  logger.info({ url }, 'metrics listening');
  return {
    url,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
