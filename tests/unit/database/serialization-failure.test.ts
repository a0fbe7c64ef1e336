import { DriverAdapterError } from "@prisma/driver-adapter-utils";
import { describe, expect, it } from "vitest";
import { isSerializationFailure } from "@/lib/database/serializable-transaction";
import { Prisma } from "@/lib/generated/prisma/client";

const known = (code: string) => new Prisma.PrismaClientKnownRequestError("failed", { code, clientVersion: "7" });

describe("isSerializationFailure", () => {
  it("retries Prisma's P2034, a conflict inside a query", () => {
    expect(isSerializationFailure(known("P2034"))).toBe(true);
  });

  // @prisma/adapter-pg maps SQLSTATE 40001 and 40P01 to TransactionWriteConflict; at COMMIT
  // that error reaches the caller as is.
  it("retries the pg adapter's TransactionWriteConflict, a conflict at COMMIT", () => {
    expect(isSerializationFailure(new DriverAdapterError({ kind: "TransactionWriteConflict" }))).toBe(true);
  });

  it("does not retry anything else", () => {
    expect(isSerializationFailure(known("P2002"))).toBe(false);
    expect(
      isSerializationFailure(
        new DriverAdapterError({ kind: "UniqueConstraintViolation", constraint: { fields: ["id"] } }),
      ),
    ).toBe(false);
    expect(isSerializationFailure(new Error("TransactionWriteConflict"))).toBe(false);
  });
});
