// The channel settings src/config resolves, owned here so config never imports an adapter; each adapter
// takes its own settings type from this file.

/** Settings for the WhatsApp Cloud API adapter, resolved by src/config. */
export interface WhatsAppCloudConfig {
  /** Graph API origin; https://graph.facebook.com in production, a local fake in tests. */
  graphBaseUrl: string;
  /** Graph API version path segment, e.g. "v21.0". */
  apiVersion: string;
  /** The business number's id (not the phone number itself): WhatsApp Manager > API Setup. */
  phoneNumberId: string;
  /** A permanent System User token with whatsapp_business_messaging permission. */
  accessToken: string;
  /** The Meta app's secret: X-Hub-Signature-256 is an HMAC under it. */
  appSecret: string;
  /** Any string we choose; Meta echoes it in the subscription handshake. */
  verifyToken: string;
  /** Approved template with one body parameter, used outside the 24-hour window. */
  templateName: string;
  /** The template's language code, e.g. "id". */
  templateLanguage: string;
}

/** Settings for the WhatsApp Web adapter, resolved by src/config. */
export interface WhatsAppWebConfig {
  /** LocalAuth dataPath: the browser profile (the linked session) lives here. Default `data/wwebjs`. */
  sessionDir: string;
  /** LocalAuth clientId: one session per id under sessionDir. Default `kanal-aduan`. */
  clientId: string;
  /** The system Chromium (puppeteer's own download is skipped). Default `/usr/bin/chromium`. */
  chromiumPath: string;
  /** Run Chromium without a window. Default true. */
  headless: boolean;
  /** Least time between two sends; paced sending lowers the ban risk (issue #1872). Default 1000 ms. */
  minSendIntervalMs?: number;
}

/** Settings for the X adapter, resolved by src/config. */
export interface XAdapterConfig {
  /** OAuth2 client id and secret of the X app (developer portal, "Keys and tokens"). */
  clientId: string;
  clientSecret: string;
  /**
   * The first token pair from the city account's authorisation. Once the adapter has refreshed it, the pair
   * in the StateStore wins, until the operator puts a different refresh token here (a re-authorisation).
   */
  accessToken: string;
  refreshToken: string;
  /** API origin; https://api.x.com by default, a local fake in tests. */
  apiBaseUrl?: string;
  /** Pause between polls of each endpoint. Default 60 s: X's free and basic tiers allow few reads. */
  pollIntervalMs?: number;
  /** Read direct messages too (needs the dm.read scope and a tier that includes DM endpoints). Default true. */
  pollDms?: boolean;
  /** With no cursor yet (first start), only mentions and DMs this recent are taken in. Default 24 h. */
  initialLookbackMs?: number;
}
