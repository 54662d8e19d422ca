/** An `EnsEmulatorOptions` value the emulator refuses (the CLI maps it to exit code 2). */
export class InvalidOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidOptionError";
  }
}
