import "server-only";
import { z } from "zod";
import { authSecret, databaseProvider, databaseUrl, trustedProxiesSchema } from "./env-defaults";
import { mailSettingsSchema, requirePublicUrlForMail } from "./mail-settings";

// The app's settings, read once and validated. Every one has a working default (lib/env-defaults.ts).
const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z.string().min(1),
    DATABASE_PROVIDER: z.enum(["sqlite", "postgresql"]),
    AUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
    QUORUM_TRUSTED_PROXIES: trustedProxiesSchema,
    ...mailSettingsSchema.shape,
  })
  .superRefine(requirePublicUrlForMail);

export const env = envSchema.parse({
  NODE_ENV: process.env.NODE_ENV,
  DATABASE_URL: databaseUrl(),
  DATABASE_PROVIDER: databaseProvider(),
  AUTH_SECRET: authSecret(),
  QUORUM_TRUSTED_PROXIES: process.env.QUORUM_TRUSTED_PROXIES || undefined,
  QUORUM_SMTP_URL: process.env.QUORUM_SMTP_URL || undefined,
  QUORUM_MAIL_FROM: process.env.QUORUM_MAIL_FROM || undefined,
  QUORUM_PUBLIC_URL: process.env.QUORUM_PUBLIC_URL || undefined,
});
