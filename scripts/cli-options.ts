import type { ParseArgsConfig } from "node:util";

// The two kinds of option the commands' node:util parseArgs calls take, so that a command's options
// read as one line: { deck: textOption, json: flagOption }.

type OptionConfig = NonNullable<ParseArgsConfig["options"]>[string];

export const textOption = { type: "string" } as const satisfies OptionConfig;
export const flagOption = { type: "boolean" } as const satisfies OptionConfig;
