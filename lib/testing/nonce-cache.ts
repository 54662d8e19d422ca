/**
 * Signature nonces seen recently, to refuse replayed requests (`SignatureNonceUsed`). A nonce is
 * remembered only while its request's timestamp is inside the accepted clock skew: after that the
 * timestamp check refuses a replay anyway, so memory stays bounded.
 */
export class NonceCache {
  private readonly expiries = new Map<string, number>();

  /**
   * Records a nonce.
   *
   * @param nowMs the current time
   * @param expiresAtMs when a replay would be refused by the timestamp check anyway
   * @returns false when the nonce was already used by the same AccessKey
   */
  use(accessKeyId: string, nonce: string, nowMs: number, expiresAtMs: number): boolean {
    this.prune(nowMs);
    const key = `${accessKeyId}\n${nonce}`;
    if (this.expiries.has(key)) return false;
    this.expiries.set(key, expiresAtMs);
    return true;
  }

  /** Forgets every nonce. */
  clear(): void {
    this.expiries.clear();
  }

  private prune(nowMs: number): void {
    for (const [key, expiresAtMs] of this.expiries) if (expiresAtMs < nowMs) this.expiries.delete(key);
  }
}
