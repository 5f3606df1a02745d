// The web channel: the public /lapor form and the reporter's private page. The HTTP routes hand each validated
// submission or action to the adapter, which normalises it and passes it to the intake sink like any other
// channel, and returns what intake made. It has no push: a reply is "delivered" by being shown on the private
// page, so send() only validates the address and the page marks what it showed as delivered.
import { ChannelSendError } from '../../src/channels/contract.js';
import { createPullChannel } from '../../src/channels/pull-channel.js';
import type { WebAdapter } from '../../src/channels/web-door.js';
import { readUpload, UploadRefused } from '../../src/channels/web-upload.js';
import { parseWebFollowUp, parseWebSubmission } from './parse.js';

export type { WebAdapter } from '../../src/channels/web-door.js';

/** Where the web adapter keeps uploads until the attachment job stores them. */
export interface WebAdapterConfig {
  uploadDir: string;
}

/** Creates the web adapter. */
export function createWebAdapter(config: WebAdapterConfig = { uploadDir: 'data/web-inbox' }): WebAdapter {
  const { adapter, deliver } = createPullChannel('web');
  return {
    ...adapter,
    uploadDir: config.uploadDir,
    async download(fileId) {
      try {
        return await readUpload(config.uploadDir, fileId);
      } catch (err) {
        // A missing or foreign file will not appear on retry.
        if (err instanceof UploadRefused || (err as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new ChannelSendError(err instanceof Error ? err.message : String(err), 'permanent');
        }
        throw err;
      }
    },
    receive: (submission, receivedAt, reporterKey) => deliver(parseWebSubmission(submission, receivedAt, reporterKey)),
    receiveFollowUp: (followUp, target, receivedAt) =>
      deliver(parseWebFollowUp(followUp, target.trackingId, target.reporterKey, target.uploads, receivedAt)),
  };
}
