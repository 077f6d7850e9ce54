/**
 * The one place that reads the environment. Every setting has a safe default;
 * unsafe combinations are refused with a message that says what to change.
 */
import path from 'node:path';
import proxyaddr from 'proxy-addr';
import { DEFAULT_WORK_TIME, isTimeZone, workingHoursProblem, type WorkTime } from './domain/work-time';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  nodeEnv: string;
  production: boolean;
  port: number;
  host: string;
  /** Unset: embedded PostgreSQL (PGlite) in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  /** Unset: subscriptions fan out in process. */
  redisUrl?: string;
  /** Prefix of every Redis key and channel, so several deployments (or tests) can share one Redis. */
  redisPrefix: string;
  /** The live feed's safety poll: how often each replica looks for committed events it was not told about. */
  realtimePollMs: number;
  /** Unset outside production: generated once and kept in `dataDir`. */
  jwtSecret?: string;
  jwtTtlSeconds: number;
  adminUsername: string;
  /** Unset on the embedded demo only: {@link DEMO_ADMIN_PASSWORD}. */
  adminPassword?: string;
  seedDemo: boolean;
  logLevel: LogLevel;
  introspection: boolean;
  overdueSweepSeconds: number;
  /** Public reports a minute from one client address (whatever portal key or page it uses). */
  reportRateLimit: number;
  /** Public reports a minute through one portal key, from all addresses together. */
  reportKeyRateLimit: number;
  /** Failed sign-ins in 15 minutes for one username from one address before that pair is refused. */
  loginFailuresPerAccount: number;
  /** Failed sign-ins in 15 minutes from one address (any usernames) before the address is refused. */
  loginFailuresPerAddress: number;
  /** Express `trust proxy`: false, a number of proxy hops, or the proxies' addresses and subnets. */
  trustProxy: TrustProxy;
  /** The public origin of this API (from PUBLIC_URL), the only "own" origin in production. */
  publicOrigin?: string;
  /** MAP_TILE_URL: a {z}/{x}/{y} tile template (e.g. 天地图) drawn under grid boundaries in the console; its origin is allowed for images there. */
  mapTileUrl?: string;
  /** Serve Prometheus metrics on this port only (production without it: no metrics endpoint). */
  metricsPort?: number;
  metricsHost: string;
  /** Open connections (HTTP and WebSocket) at most, overall and per client address. */
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** A request (headers and body) must arrive within this many seconds. */
  requestTimeoutSeconds: number;
  /** TIME_ZONE and WORKING_HOURS: how deadlines in working time are counted. */
  workTime: WorkTime;
  /** DUE_SOON_SHARE: the share of the resolve limit after which the sweep raises DUE_SOON (once). */
  dueSoonShare: number;
  /** PERFORMANCE_WEIGHTS: response, resolution and satisfaction weights of the assessment score (sum 100). */
  performanceWeights: PerformanceWeights;
  /** Where people reach this API (links in webhooks and messages); unset: the address it listens on. */
  publicUrl?: string;
  /** Outbound delivery (webhooks, SMS): see modules/outbound. */
  outbound: OutboundConfig;
  /** Largest accepted upload (POST /uploads); bigger ones are refused with 413 before they are read. */
  uploadMaxBytes: number;
  /** Photos in an S3-compatible bucket instead of files under `dataDir/photos`. */
  s3?: { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string; region: string };
}

export interface OutboundConfig {
  /** Webhook URLs on loopback, link-local or private addresses are refused unless this is on (SSRF). */
  allowPrivate: boolean;
  /** One delivery attempt, connection to last byte. */
  timeoutMs: number;
  /** The first retry comes after at most this long; each next one after about twice as long (with jitter). */
  retryBaseMs: number;
  /** Retries stop this long after the event (then DEAD). */
  retryWindowSeconds: number;
  /** How often each replica looks for due deliveries it was not woken for. */
  pollMs: number;
  /** Unset: short messages go to the log, phone masked. */
  smsGatewayUrl?: string;
}

export interface PerformanceWeights {
  response: number;
  resolution: number;
  satisfaction: number;
}

export const DEFAULT_PERFORMANCE_WEIGHTS: PerformanceWeights = { response: 30, resolution: 35, satisfaction: 35 };

function readWorkTime(env: NodeJS.ProcessEnv): WorkTime {
  const timeZone = env.TIME_ZONE || DEFAULT_WORK_TIME.timeZone;
  if (!isTimeZone(timeZone)) throw new ConfigError(`TIME_ZONE must be an IANA time zone such as Asia/Shanghai, got "${timeZone}"`);
  const workingHours = (env.WORKING_HOURS || DEFAULT_WORK_TIME.workingHours).replace(/\s+/g, '');
  const problem = workingHoursProblem(workingHours);
  if (problem) throw new ConfigError(`WORKING_HOURS must list periods like 09:00-12:00,13:30-17:30: ${problem}`);
  return { timeZone, workingHours };
}

function readShare(env: NodeJS.ProcessEnv): number {
  const raw = env.DUE_SOON_SHARE;
  if (raw === undefined || raw === '') return 0.8;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || value >= 1) throw new ConfigError(`DUE_SOON_SHARE must be a number between 0 and 1, got "${raw}"`);
  return value;
}

function readWeights(env: NodeJS.ProcessEnv): PerformanceWeights {
  const raw = env.PERFORMANCE_WEIGHTS;
  if (raw === undefined || raw === '') return DEFAULT_PERFORMANCE_WEIGHTS;
  const parts = raw.split('/').map((p) => Number(p.trim()));
  if (parts.length !== 3 || parts.some((p) => !Number.isFinite(p) || p < 0) || Math.abs(parts[0] + parts[1] + parts[2] - 100) > 1e-9) {
    throw new ConfigError(`PERFORMANCE_WEIGHTS must be three non-negative numbers summing to 100, as response/resolution/satisfaction (e.g. 30/35/35), got "${raw}"`);
  }
  return { response: parts[0], resolution: parts[1], satisfaction: parts[2] };
}

/** `false`, a hop count, or addresses/subnets (`loopback`, `10.0.0.0/8`, …) as Express's `trust proxy` takes them. */
export type TrustProxy = false | number | string[];

export class ConfigError extends Error {
  constructor(message: string) {
    super(`Configuration error: ${message}`);
    this.name = 'ConfigError';
  }
}

/** Documented in the README; accepted only for the embedded demo database. */
export const DEMO_ADMIN_PASSWORD = 'lastmeter-demo';

const LOG_LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function readBool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new ConfigError(`${name} must be true or false (1/0), got "${raw}"`);
}

function readUrl(env: NodeJS.ProcessEnv, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

/**
 * TRUST_PROXY: off, on (= one proxy: the last X-Forwarded-For entry counts), a number of proxy hops,
 * or a comma-separated list of the proxies' addresses and subnets (Express's `trust proxy` syntax).
 */
function readTrustProxy(env: NodeJS.ProcessEnv): TrustProxy {
  const raw = (env.TRUST_PROXY ?? '').trim();
  if (raw === '' || /^(0|false|no|off)$/i.test(raw)) return false;
  if (/^(true|yes|on)$/i.test(raw)) return 1;
  if (/^\d+$/.test(raw)) {
    const hops = Number(raw);
    if (hops > 10) throw new ConfigError(`TRUST_PROXY as a number of proxies must be at most 10, got "${raw}"`);
    return hops;
  }
  const list = raw.split(',').map((entry) => entry.trim()).filter(Boolean);
  try {
    // The same parser Express uses, so an entry it would reject is refused here, at start.
    proxyaddr.compile(list);
  } catch (error) {
    throw new ConfigError(`TRUST_PROXY must be off, on, a number of proxies, or addresses/subnets: ${(error as Error).message}`);
  }
  return list;
}

/** MAP_TILE_URL: an http(s) tile URL template with {z}, {x} and {y}. */
function readMapTileUrl(env: NodeJS.ProcessEnv): string | undefined {
  const raw = readUrl(env, 'MAP_TILE_URL', ['http:', 'https:']);
  if (raw !== undefined && !['{z}', '{x}', '{y}'].every((part) => raw.includes(part))) {
    throw new ConfigError('MAP_TILE_URL must contain {z}, {x} and {y}, e.g. https://t0.tianditu.gov.cn/vec_w/wmts?…&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=…');
  }
  return raw;
}

/** PUBLIC_URL: where browsers reach this API (its origin is the only "own" origin). */
function readPublicOrigin(env: NodeJS.ProcessEnv): string | undefined {
  const raw = readUrl(env, 'PUBLIC_URL', ['http:', 'https:']);
  return raw === undefined ? undefined : new URL(raw).origin;
}

function readRedisPrefix(env: NodeJS.ProcessEnv): string {
  const raw = env.REDIS_PREFIX || 'lastmeter:';
  if (!/^[\w:.-]{1,64}$/.test(raw)) throw new ConfigError('REDIS_PREFIX may hold only letters, digits, _ : . - (at most 64)');
  return raw;
}

const S3_VARIABLES = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;

/** All four S3 variables, or none (photos then live under DATA_DIR/photos). */
function readS3(env: NodeJS.ProcessEnv): Config['s3'] {
  const given = S3_VARIABLES.filter((name) => env[name]);
  if (given.length === 0) return undefined;
  if (given.length < S3_VARIABLES.length) {
    throw new ConfigError(`photos in S3 need all of ${S3_VARIABLES.join(', ')}; missing ${S3_VARIABLES.filter((n) => !env[n]).join(', ')}`);
  }
  return {
    endpoint: readUrl(env, 'S3_ENDPOINT', ['http:', 'https:'])!,
    bucket: env.S3_BUCKET!,
    accessKeyId: env.S3_ACCESS_KEY_ID!,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    region: env.S3_REGION || 'us-east-1',
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV || 'development';
  const production = nodeEnv === 'production';
  const databaseUrl = readUrl(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const jwtSecret = env.JWT_SECRET || undefined;
  const adminPassword = env.ADMIN_PASSWORD || undefined;
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  if (production && !jwtSecret) {
    throw new ConfigError('JWT_SECRET is required when NODE_ENV=production (use at least 32 random characters)');
  }
  if (jwtSecret && jwtSecret.length < 32) {
    throw new ConfigError('JWT_SECRET must be at least 32 characters long');
  }
  if (production && !adminPassword) {
    throw new ConfigError('ADMIN_PASSWORD is required when NODE_ENV=production');
  }
  if (adminPassword && adminPassword.length < 8) {
    throw new ConfigError('ADMIN_PASSWORD must be at least 8 characters long');
  }
  const seedDemo = readBool(env, 'SEED_DEMO', !databaseUrl);
  if (production && seedDemo && env.SEED_DEMO) {
    throw new ConfigError('SEED_DEMO must not be on when NODE_ENV=production: demo accounts have published passwords');
  }
  const reportRateLimit = readInt(env, 'REPORT_RATE_LIMIT', 60, 1, 1_000_000);
  const metricsPort = env.METRICS_PORT ? readInt(env, 'METRICS_PORT', 0, 0, 65535) : undefined;
  const port = readInt(env, 'PORT', 4000, 0, 65535);
  if (metricsPort !== undefined && metricsPort !== 0 && metricsPort === port) {
    throw new ConfigError('METRICS_PORT must differ from PORT: metrics are kept off the public port');
  }
  return {
    nodeEnv,
    production,
    port,
    host: env.HOST || '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(env.DATA_DIR || './data'),
    redisUrl: readUrl(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: readRedisPrefix(env),
    realtimePollMs: readInt(env, 'REALTIME_POLL_MS', 1000, 50, 60_000),
    jwtSecret,
    jwtTtlSeconds: readInt(env, 'JWT_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    adminUsername: env.ADMIN_USERNAME || 'admin',
    adminPassword,
    seedDemo: production ? false : seedDemo,
    logLevel,
    introspection: readBool(env, 'INTROSPECTION', !production),
    overdueSweepSeconds: readInt(env, 'OVERDUE_SWEEP_SECONDS', 60, 0, 86400),
    workTime: readWorkTime(env),
    dueSoonShare: readShare(env),
    performanceWeights: readWeights(env),
    reportRateLimit,
    reportKeyRateLimit: readInt(env, 'REPORT_KEY_RATE_LIMIT', Math.max(1200, reportRateLimit), 1, 10_000_000),
    loginFailuresPerAccount: readInt(env, 'LOGIN_FAILURES_PER_ACCOUNT', 10, 1, 10_000),
    loginFailuresPerAddress: readInt(env, 'LOGIN_FAILURES_PER_ADDRESS', 30, 1, 100_000),
    trustProxy: readTrustProxy(env),
    publicOrigin: readPublicOrigin(env),
    mapTileUrl: readMapTileUrl(env),
    metricsPort,
    metricsHost: env.METRICS_HOST || '127.0.0.1',
    maxConnections: readInt(env, 'MAX_CONNECTIONS', 20_000, 1, 1_000_000),
    maxConnectionsPerAddress: readInt(env, 'MAX_CONNECTIONS_PER_ADDRESS', 128, 1, 1_000_000),
    requestTimeoutSeconds: readInt(env, 'REQUEST_TIMEOUT_SECONDS', 30, 1, 120),
    publicUrl: readUrl(env, 'PUBLIC_URL', ['http:', 'https:'])?.replace(/\/+$/, ''),
    outbound: {
      allowPrivate: readBool(env, 'WEBHOOK_ALLOW_PRIVATE', false),
      timeoutMs: readInt(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 100, 60_000),
      retryBaseMs: readInt(env, 'WEBHOOK_RETRY_BASE_MS', 5_000, 10, 10_000),
      retryWindowSeconds: readInt(env, 'WEBHOOK_RETRY_WINDOW_SECONDS', 24 * 3600, 1, 7 * 24 * 3600),
      pollMs: readInt(env, 'OUTBOUND_POLL_MS', 1_000, 20, 60_000),
      smsGatewayUrl: readUrl(env, 'SMS_GATEWAY_URL', ['http:', 'https:']),
    },
    uploadMaxBytes: readInt(env, 'UPLOAD_MAX_BYTES', 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
    s3: readS3(env),
  };
}
