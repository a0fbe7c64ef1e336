-- CreateTable
CREATE TABLE "KnownSignInAddress" (
    "email" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "lastSignedInAt" DATETIME NOT NULL,

    PRIMARY KEY ("email", "address")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AuthThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "attempts" INTEGER NOT NULL,
    "windowStartedAtMs" BIGINT NOT NULL
);
-- The old rows are not carried over: they counted failures after the fact, under another rule,
-- and matter for at most 15 minutes. (Copying only "key" would break the NOT NULL columns.)
DROP TABLE "AuthThrottle";
ALTER TABLE "new_AuthThrottle" RENAME TO "AuthThrottle";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
