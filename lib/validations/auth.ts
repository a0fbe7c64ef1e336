import { z } from "zod";

const emailSchema = z
  .email({ error: "Enter an email address, like you@example.com" })
  .max(254, "That email address is too long")
  .transform((email) => email.toLowerCase());

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(200, "That password is too long"),
});

export const signUpSchema = z.object({
  name: z.string().trim().max(80, "At most 80 characters").optional(),
  email: emailSchema,
  password: z.string().max(200, "Use at most 200 characters"),
});

/** On failure, the name and email typed come back so that the form keeps them (never the password). */
export type SignUpState =
  | { ok: true }
  | {
      ok: false;
      message: string;
      errors?: Record<string, string[] | undefined>;
      values: { name: string; email: string };
    }
  | null;

const newPasswordSchema = z.string().max(200, "Use at most 200 characters");

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{43}$/, "This reset link is incomplete: open the link from the mail again"),
  password: newPasswordSchema,
});

export const changePasswordSchema = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(200, "That password is too long"),
  newPassword: newPasswordSchema,
});

export const changeEmailSchema = z.object({
  email: emailSchema,
  currentPassword: z.string().min(1, "Enter your current password").max(200, "That password is too long"),
});
