import "server-only";
import nodemailer from "nodemailer";
import { env } from "@/lib/env";

export type Mail = { to: string; subject: string; text: string };

/** Whether the server can send mail (QUORUM_SMTP_URL is set). */
export function isMailConfigured(): boolean {
  return env.QUORUM_SMTP_URL !== undefined;
}

let transport: nodemailer.Transporter | null = null;

/** Sends one plain-text mail through the configured SMTP server; throws when it refuses. */
export async function sendMail(mail: Mail): Promise<void> {
  if (!env.QUORUM_SMTP_URL) throw new Error("QUORUM_SMTP_URL is not set: this server cannot send mail");
  transport ??= nodemailer.createTransport(env.QUORUM_SMTP_URL);
  await transport.sendMail({ from: env.QUORUM_MAIL_FROM, ...mail });
}
