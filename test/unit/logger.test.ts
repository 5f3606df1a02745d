// The pino logger: JSON lines with an ISO time and a level name; credentials, message text and phone
// numbers never reach a line, wherever they sit in the logged object.
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from '../../src/logger.js';

function capture(level = 'debug') {
  const lines: string[] = [];
  const logger = createLogger(level, { write: (line: string) => void lines.push(line) });
  const entries = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines, entries };
}

describe('createLogger', () => {
  it('writes one JSON object a line with time, level name, fields and message', () => {
    const { logger, entries } = capture();
    logger.info({ channel: 'telegram', delivered: 3 }, 'x messages received');
    expect(entries()).toEqual([
      expect.objectContaining({ level: 'info', channel: 'telegram', delivered: 3, msg: 'x messages received' }),
    ]);
    expect(Date.parse(entries()[0]?.time as string)).not.toBeNaN();
  });

  it('drops lines below its level', () => {
    const { logger, lines } = capture('warn');
    logger.info({}, 'quiet');
    logger.debug({}, 'quieter');
    logger.warn({}, 'heard');
    expect(lines).toHaveLength(1);
  });

  it('keeps an error message and stack, under err or error', () => {
    const { logger, entries } = capture();
    logger.error({ err: new Error('database locked') }, 'outbox drain failed');
    logger.warn({ error: new Error('socket hang up') }, 'x poll failed');
    const [a, b] = entries() as { err?: { message: string; stack: string }; error?: { message: string } }[];
    expect(a?.err?.message).toBe('database locked');
    expect(a?.err?.stack).toContain('database locked');
    expect(b?.error?.message).toBe('socket hang up');
  });

  it('redacts credentials, message text and contact details by key, one and two levels down', () => {
    const { logger, lines } = capture();
    logger.info({ token: 'tok-1', text: 'jalan rusak', phone: '+6281234567890' }, 'top');
    logger.info({ message: { text: 'sampah menumpuk', sender: { phone: '6281200001111' } } }, 'nested');
    logger.info({ headers: { authorization: 'Bearer abc-123', cookie: 'ka_session=s3cret' } }, 'headers');
    logger.info({ to: '6281298765432', body: { entry: [] } }, 'send');
    const all = lines.join('');
    for (const secret of ['tok-1', 'jalan rusak', 'sampah menumpuk', 'abc-123', 's3cret', '62812', '{"entry"'])
      expect(all).not.toContain(secret);
    expect(all.match(/\[redacted\]/g)?.length).toBeGreaterThanOrEqual(8);
  });

  it('masks Indonesian phone numbers inside free text such as an error reason', () => {
    const { logger, lines } = capture();
    logger.warn({ reason: 'recipient 081234567890 is not on WhatsApp' }, 'not delivered');
    logger.error({ err: new Error('send to +6281234567890 failed') }, 'x');
    logger.error({ channel: 'whatsapp' }, 'WhatsApp Web logged out of 6281234567890; scan a new QR');
    expect(lines[0]).toContain('recipient [redacted] is not on WhatsApp');
    expect(lines[2]).toContain('logged out of [redacted];');
    expect(lines.join('')).not.toMatch(/81234567890/);
  });
});

describe('redactUrl', () => {
  it.each([
    ['/webhooks/telegram/abc123secret', '/webhooks/telegram/[redacted]'],
    ['/webhooks/whatsapp', '/webhooks/whatsapp'],
    [
      '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=t0k&hub.challenge=9',
      '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=[redacted]&hub.challenge=[redacted]',
    ],
    ['/laporan/Zx9-secret?x=1', '/laporan/[redacted]?x=1'],
    ['/api/complaints?q=budi&status=received', '/api/complaints?q=[redacted]&status=received'],
    ['/api/reporters?page=2&who=081234567890', '/api/reporters?page=2&who=[redacted]'],
    ['/lacak/CLG-261128-7KQ2', '/lacak/CLG-261128-7KQ2'],
  ])('%s -> %s', (url, expected) => {
    expect(redactUrl(url)).toBe(expected);
  });
});
