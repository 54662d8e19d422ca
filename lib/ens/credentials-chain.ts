/**
 * An ordered chain of credential sources built from the SDK's own providers. Unlike the SDK's
 * `DefaultCredentialsProvider` it only contains the sources that apply, names each one in its error, and
 * reports the sources it skipped and why, so "no credentials" can say exactly what was tried.
 */
import type { CredentialsProvider } from "@alicloud/credentials";

/** The credentials a provider yields. */
export type ProvidedCredentials = Awaited<ReturnType<CredentialsProvider["getCredentials"]>>;

/** One place credentials may come from. */
export interface CredentialSource {
  /** Human-readable name, e.g. `aliyun CLI profile "dev" in /home/u/.aliyun/config.json`. */
  readonly name: string;
  /** The SDK provider, or `undefined` when the source does not apply. */
  readonly provider?: CredentialsProvider;
  /** Why the source does not apply and how to enable it (when `provider` is undefined). */
  readonly skipped?: string;
}

/** Tries its sources in order; the first that yields credentials is used from then on. */
export class CredentialsChain implements CredentialsProvider {
  private chosen?: CredentialSource;

  constructor(public readonly sources: readonly CredentialSource[]) {}

  /** The source in use, once {@link getCredentials} succeeded. */
  public get chosenSource(): CredentialSource | undefined {
    return this.chosen;
  }

  /** @throws Error listing every source with why it failed or was skipped */
  public async getCredentials(): Promise<ProvidedCredentials> {
    if (this.chosen?.provider) return this.chosen.provider.getCredentials();
    const tried: string[] = [];
    for (const source of this.sources) {
      if (!source.provider) {
        tried.push(`${source.name}: ${source.skipped ?? "not configured"}`);
        continue;
      }
      try {
        const credentials = await source.provider.getCredentials();
        this.chosen = source;
        return credentials;
      } catch (error) {
        tried.push(`${source.name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    throw new Error(tried.join("; "));
  }

  /** The provider name the SDK sends in `x-acs-credentials-provider`. */
  public getProviderName(): string {
    return this.chosen?.provider?.getProviderName() ?? "cdktf-ens-key-pair-chain";
  }
}
