import { z } from "zod";

/** A form field holding JSON, validated by `schema`; anything unreadable gets `message`. */
export function jsonField<T extends z.ZodType>(schema: T, message: string) {
  return z.string().transform((text, ctx) => {
    try {
      return schema.parse(JSON.parse(text)) as z.infer<T>;
    } catch {
      ctx.addIssue({ code: "custom", message });
      return z.NEVER;
    }
  });
}
