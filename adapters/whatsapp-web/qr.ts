// Renders the linking QR for a human: in the terminal at start-up, and as an image on the admin status page.
// The QR links a phone's WhatsApp account to this server, so it is shown to admins only and never logged.
import QRCode from 'qrcode';
import qrcodeTerminal from 'qrcode-terminal';

/** The QR as terminal text (half-height blocks so it fits an 80×24 terminal). */
export function renderQrForTerminal(qr: string): string {
  let out = '';
  qrcodeTerminal.generate(qr, { small: true }, (text) => {
    out = text;
  });
  return out;
}

/** Prints the QR on stdout with scanning instructions; logs go to stderr as JSON lines, so they stay parseable. */
export function printQrToTerminal(qr: string, write: (text: string) => void = (t) => process.stdout.write(t)): void {
  write(
    '\nWhatsApp: pindai kode QR ini dari ponsel (WhatsApp → Perangkat tertaut → Tautkan perangkat),\n' +
      'atau buka /admin/whatsapp sebagai admin.\n' +
      `${renderQrForTerminal(qr)}\n`,
  );
}

/** The QR as a PNG data URL for an <img> on the status page. */
export function qrToDataUrl(qr: string): Promise<string> {
  return QRCode.toDataURL(qr, { margin: 1, width: 264, errorCorrectionLevel: 'L' });
}
