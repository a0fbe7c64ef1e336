import { z } from "zod";

// Outgoing mail ("forgot password"). Optional: without QUORUM_SMTP_URL the app says plainly that
// it cannot send mail. A reset link is built from QUORUM_PUBLIC_URL, never from the request's Host
// header, which a client can set to its own site.
export const mailSettingsSchema = z.object({
  QUORUM_SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      error: "QUORUM_SMTP_URL must be an smtp:// or smtps:// URL, e.g. smtps://user:password@smtp.example.com:465",
    })
    .optional(),
  QUORUM_MAIL_FROM: z.string().min(3).default("Quorum <no-reply@localhost>"),
  QUORUM_PUBLIC_URL: z
    .url({
      protocol: /^https?$/,
      error: "QUORUM_PUBLIC_URL must be the site's http(s):// address, e.g. https://quorum.example.com",
    })
    .optional(),
});

export function requirePublicUrlForMail(settings: z.infer<typeof mailSettingsSchema>, context: z.RefinementCtx): void {
  if (settings.QUORUM_SMTP_URL && !settings.QUORUM_PUBLIC_URL) {
    context.addIssue({
      code: "custom",
      path: ["QUORUM_PUBLIC_URL"],
      message: "QUORUM_SMTP_URL needs QUORUM_PUBLIC_URL, the address that reset links point to",
    });
  }
}
