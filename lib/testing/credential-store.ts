/** An AccessKey the emulator accepts. */
export interface EmulatorCredential {
  /** The AccessKey ID. */
  readonly accessKeyId: string;
  /** The AccessKey secret. */
  readonly accessKeySecret: string;
  /** For STS credentials: the security token every request must carry. @default none (a plain AccessKey) */
  readonly securityToken?: string;
}

/** The AccessKeys the emulator accepts, by ID. */
export class CredentialStore {
  private readonly byId = new Map<string, EmulatorCredential>();

  /** Accepts a credential (replacing one with the same ID). */
  add(credential: EmulatorCredential): void {
    if (!credential.accessKeyId || !credential.accessKeySecret) {
      throw new Error("A credential needs a non-empty accessKeyId and accessKeySecret.");
    }
    this.byId.set(credential.accessKeyId, { ...credential });
  }

  /** The credential with this ID. */
  get(accessKeyId: string): EmulatorCredential | undefined {
    return this.byId.get(accessKeyId);
  }
}
