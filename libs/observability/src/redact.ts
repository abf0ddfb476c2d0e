/**
 * Credentials that must never reach a log line, whatever code wrote it: API keys and webhook
 * secrets by their shape, signing parameters of URLs (S3 presigned URLs, our dashboard login link)
 * by name, and the deployment's own secrets (the master key, the metrics token) by value.
 */
const API_KEY = /\brf_([0-9a-f]{12})_[A-Za-z0-9_-]{43}\b/g;
const WEBHOOK_SECRET = /\bwhsec_[A-Za-z0-9_-]{16,}/g;
const BEARER = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi;
/** Query parameters that authorise whoever holds the URL (AWS SigV4, GCS, Azure SAS, generic tokens). */
const SIGNING_PARAMS =
  /([?&](?:x-amz-[a-z-]+|x-goog-[a-z-]+|signature|sig|se|sp|sv|token|access_token|key|apikey|api_key|credential|policy|expires)=)[^&\s"'#]*/gi;

export const REDACTED = '[redacted]';

export class SecretScrubber {
  private readonly literals: string[];

  /** `literals`: exact strings to hide (the master key, tokens); short ones are ignored to avoid mangling text. */
  constructor(literals: ReadonlyArray<string | null | undefined>) {
    const plain = literals.filter((value): value is string => typeof value === 'string' && value.length >= 8);
    // Lines are JSON: a literal with quotes or backslashes appears escaped there.
    this.literals = [...new Set(plain.flatMap((value) => [value, JSON.stringify(value).slice(1, -1)]))];
  }

  scrub(text: string): string {
    let out = text
      .replace(API_KEY, `rf_$1_${REDACTED}`)
      .replace(WEBHOOK_SECRET, `whsec_${REDACTED}`)
      .replace(BEARER, `$1${REDACTED}`)
      .replace(SIGNING_PARAMS, `$1${REDACTED}`);
    for (const literal of this.literals) {
      if (out.includes(literal)) out = out.split(literal).join(REDACTED);
    }
    return out;
  }
}
