import pino from 'pino';

/**
 * Every log line goes through here. Credentials and signing headers are redacted by path; the upstream
 * client never hands the secret to the logger in the first place, this is the second lock on the door.
 */
export function createLogger(level: string, destination?: pino.DestinationStream) {
  return pino(
    {
      level,
      redact: {
        paths: [
          'apiSecret',
          '*.apiSecret',
          'upstream.apiSecret',
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
          'headers.Sign',
          'headers.sign',
          '*.headers.Sign',
          '*.headers.sign',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
export type Logger = ReturnType<typeof createLogger>;
