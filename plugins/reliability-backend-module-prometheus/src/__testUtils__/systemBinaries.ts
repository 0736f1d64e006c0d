import { existsSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';

/**
 * `describe` when every binary is installed, `describe.skip` (with a warning
 * that says how to install them) when one is missing on a developer machine.
 * With CI set the suite always runs, so a missing binary fails it instead.
 */
export function describeWithBinaries(options: {
  what: string;
  binaries: string[];
  debianPackage: string;
}): jest.Describe {
  const missing = options.binaries.filter(path => !existsSync(path));
  const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
  if (!missing.length || inCi) {
    return describe;
  }
  // eslint-disable-next-line no-console
  console.warn(
    `Skipping the ${options.what} integration test: ${missing.join(
      ' and ',
    )} not found. ` +
      `Install them with \`apt-get install --no-install-recommends ${options.debianPackage}\` ` +
      '(with CI set, this test fails instead of skipping).',
  );
  return describe.skip;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise(resolve => server.close(resolve));
  return port;
}

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, ms));

/**
 * Throws, naming what is missing, when a binary is not installed: for the
 * `beforeAll` of a suite that runs because CI is set.
 */
export function assertBinariesInstalled(
  binaries: string[],
  debianPackage: string,
): void {
  const missing = binaries.filter(path => !existsSync(path));
  if (missing.length) {
    throw new Error(
      `${missing.join(' and ')} not found, and CI is set: install ` +
        `${debianPackage} (scripts/test.sh does) so that this test runs`,
    );
  }
}
