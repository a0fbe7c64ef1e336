-- CreateTable
CREATE TABLE "ReplayView" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "scenario" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "viewedAt" DATETIME NOT NULL,
    CONSTRAINT "ReplayView_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReplayView_userId_viewedAt_idx" ON "ReplayView"("userId", "viewedAt");
