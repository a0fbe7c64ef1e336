import { DataDirError } from "@/lib/env-defaults";

/** A mistake in how a script was called: printed without a stack, exit code 2. */
export class UsageError extends Error {}

/**
 * Runs a command-line script's body: known failures print one line and set the exit code,
 * anything else prints its stack (it is a bug).
 */
export async function runScript(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(error.message);
      process.exitCode = 2;
    } else if (error instanceof DataDirError || (error instanceof Error && error.name === "ContentError")) {
      console.error(error.message);
      process.exitCode = 1;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  }
}
