/**
 * An aliyun CLI profile read from a config file at any path (the alicloud provider's `shared_credentials_file`).
 *
 * The SDK's `CLIProfileCredentialsProvider` (2.4.7) always reads `<home>/.aliyun/config.json`. To honour another
 * path we load the file with the SDK's own `getConfiguration` and let that same provider's mode switch
 * (`getCredentialsProvider(conf, name)`: AK, StsToken, RamRoleArn, EcsRamRole, OIDC, ChainableRamRoleArn,
 * CloudSSO, OAuth, External) build the inner provider, instead of re-implementing the modes. The method is
 * private in the typings but present at run time in the pinned, bundled version; if a future version drops
 * it, this provider fails with a message saying so (and the handler tests fail).
 */
import { CLIProfileCredentialsProvider } from "@alicloud/credentials";
import type { CredentialsProvider } from "@alicloud/credentials";
import { getConfiguration } from "@alicloud/credentials/dist/src/providers/cli_profile";
import type { ProvidedCredentials } from "./credentials-chain";

type Configuration = Awaited<ReturnType<typeof getConfiguration>>;

interface ProfileModeSwitch {
  getCredentialsProvider(conf: Configuration, profileName: string): CredentialsProvider;
}

/** Credentials from one profile of an aliyun CLI config file. */
export class CliProfileFileCredentialsProvider implements CredentialsProvider {
  private inner?: CredentialsProvider;

  /**
   * @param configFile absolute path of the aliyun CLI JSON config file
   * @param profileName the profile to use @default - the file's `current` profile
   */
  constructor(
    private readonly configFile: string,
    private readonly profileName?: string,
  ) {}

  /** Loads the profile on first use, then delegates to the SDK provider for its mode. */
  public async getCredentials(): Promise<ProvidedCredentials> {
    if (!this.inner) {
      const conf = await getConfiguration(this.configFile);
      const modeSwitch =
        CLIProfileCredentialsProvider.builder().build() as unknown as Partial<ProfileModeSwitch>;
      if (typeof modeSwitch.getCredentialsProvider !== "function") {
        throw new Error(
          "this @alicloud/credentials version cannot read a profile from a custom file; unset ALICLOUD_SHARED_CREDENTIALS_FILE and use ~/.aliyun/config.json",
        );
      }
      this.inner = modeSwitch.getCredentialsProvider.call(modeSwitch, conf, this.profileName || conf.current);
    }
    return this.inner.getCredentials();
  }

  /** The provider name sent in `x-acs-credentials-provider`. */
  public getProviderName(): string {
    return "cli_profile";
  }
}
