import { EnsEmulator, EnsEmulatorOptions } from "../../lib/testing";

/**
 * One emulator for the whole test file, reset before each test. 1024-bit keys keep CreateKeyPair fast; nothing in
 * the tests depends on the key size.
 *
 * @param receive called with the started emulator (assign it to the file's variable)
 */
export function useEmulator(
  receive: (emulator: EnsEmulator) => void,
  options: EnsEmulatorOptions = { rsaBits: 1024 },
): void {
  let emulator: EnsEmulator | undefined;
  beforeAll(async () => {
    emulator = await EnsEmulator.start(options);
    receive(emulator);
  });
  afterAll(() => emulator?.stop());
  beforeEach(() => emulator?.reset());
}
