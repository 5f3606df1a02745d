// The deployment files in deploy/ agree with the product: stop timeouts leave room for the graceful stop,
// settings they set exist, commands they run exist, and the proxies probe the readiness route.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig, SETTING_NAMES } from '../../src/config/config.js';

const read = (p: string) => readFileSync(p, 'utf8');
const unit = read('deploy/systemd/kanal-aduan@.service');
const migrateUnit = read('deploy/systemd/kanal-aduan-migrate.service');
const compose = read('deploy/compose/compose.yaml');
const { scripts } = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
const defaultShutdownS = loadConfig({}).shutdownTimeoutMs / 1000;

describe('deploy files', () => {
  it('give the graceful stop more time than SHUTDOWN_TIMEOUT_SECONDS before a hard kill', () => {
    const unitStop = Number(/^TimeoutStopSec=(\d+)$/m.exec(unit)?.[1]);
    expect(unitStop).toBeGreaterThan(defaultShutdownS);
    const grace = Number(/stop_grace_period: (\d+)s/.exec(compose)?.[1]);
    const composeShutdown = Number(/SHUTDOWN_TIMEOUT_SECONDS: "(\d+)"/.exec(compose)?.[1]);
    expect(grace).toBeGreaterThan(composeShutdown);
    expect(/^KillSignal=SIGTERM$/m.test(unit)).toBe(true);
  });

  it('run commands the CLI has, from the built entry point, migrations before instances', () => {
    expect(existsSync('bin/kanal-aduan.js')).toBe(true);
    expect(unit).toMatch(
      /^ExecStart=\/usr\/bin\/node --max-semi-space-size=\d+ \/opt\/kanal-aduan\/bin\/kanal-aduan\.js start$/m,
    );
    expect(migrateUnit).toMatch(/^ExecStart=\/usr\/bin\/node \/opt\/kanal-aduan\/bin\/kanal-aduan\.js migrate$/m);
    expect(unit).toMatch(/^Requires=kanal-aduan-migrate\.service$/m);
    expect(unit).toMatch(/^Environment=.*\bPORT=%i\b/m);
    expect(compose).toMatch(/command: \["node", "bin\/kanal-aduan\.js", "migrate"\]/);
    // Instances start with the V8 flag `npm start` uses (a smaller young generation: docs/benchmarks.md).
    const flag = /node (--max-semi-space-size=\d+) bin\/kanal-aduan\.js start/.exec(scripts.start ?? '')?.[1];
    expect(flag).toBeDefined();
    expect(compose).toContain(`command: ["node", "${flag}", "bin/kanal-aduan.js", "start"]`);
    expect(unit).toContain(`ExecStart=/usr/bin/node ${flag} /opt/kanal-aduan/bin/kanal-aduan.js start`);
    expect(compose).toMatch(/condition: service_completed_successfully/);
  });

  it('set only settings the product reads', () => {
    const env = /environment:\n((?: {4}[A-Z_]+: .*\n)+)/.exec(compose)?.[1] ?? '';
    const names = [...env.matchAll(/^ {4}([A-Z_]+):/gm)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(3);
    for (const name of names) expect(SETTING_NAMES).toContain(name);
  });

  it('route to instances by the readiness probe', () => {
    expect(read('deploy/proxy/Caddyfile')).toMatch(/health_uri \/readyz/);
    expect(read('deploy/compose/Caddyfile')).toMatch(/health_uri \/readyz/);
    expect(compose).toMatch(/127\.0\.0\.1:3000\/readyz/);
    expect(read('deploy/proxy/nginx.conf')).toMatch(/proxy_next_upstream error timeout http_502 http_503/);
  });
});
