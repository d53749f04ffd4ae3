// Runs named checks one after another, prints "ok NAME" or "FAILED NAME: why", and exits 1 if any failed, so the
// .NET test that starts the fakes and runs this script (JsSdkTests) can show exactly what an SDK disagreed with.
import assert from 'node:assert/strict';

let failures = 0;

/** The environment variable NAME; the .NET test sets them all. */
export function env(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run these checks through JsSdkTests, which starts the fakes`);
  return value;
}

/** Runs FN and reports it under NAME. */
export async function check(name, fn) {
  try {
    await fn();
    console.log(`ok ${name}`);
  } catch (error) {
    failures++;
    console.log(`FAILED ${name}: ${error?.stack ?? error}`);
  }
}

/** Ends the script: exit code 1 when a check failed. */
export function done() {
  console.log(failures === 0 ? 'all checks passed' : `${failures} check(s) failed`);
  process.exitCode = failures === 0 ? 0 : 1;
}

export { assert };
