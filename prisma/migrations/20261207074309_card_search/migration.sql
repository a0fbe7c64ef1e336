-- CreateTable
CREATE TABLE "CardSearchKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "cardId" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "CardSearchKey_cardId_key" ON "CardSearchKey"("cardId");

-- Full-text search over cards' fronts and backs (lib/data/card-search.ts): an FTS5 table whose
-- rowid is the card's CardSearchKey.id, kept in step with Card by triggers, so every write path
-- (seed, import, edit, delete) is indexed without knowing of it. Prisma does not model virtual
-- tables: schema.prisma cannot name it, and the drift check passes because the schema engine
-- does not introspect it.
CREATE VIRTUAL TABLE "CardSearch" USING fts5("prompt", "answer", tokenize = 'porter unicode61 remove_diacritics 2');

INSERT INTO "CardSearchKey" ("cardId") SELECT "id" FROM "Card" ORDER BY "rowid";
INSERT INTO "CardSearch" ("rowid", "prompt", "answer")
  SELECT k."id", c."prompt", c."answer" FROM "Card" c JOIN "CardSearchKey" k ON k."cardId" = c."id";

CREATE TRIGGER "Card_search_insert" AFTER INSERT ON "Card" BEGIN
  INSERT INTO "CardSearchKey" ("cardId") VALUES (new."id");
  INSERT INTO "CardSearch" ("rowid", "prompt", "answer")
    VALUES ((SELECT "id" FROM "CardSearchKey" WHERE "cardId" = new."id"), new."prompt", new."answer");
END;

CREATE TRIGGER "Card_search_update" AFTER UPDATE OF "prompt", "answer" ON "Card" BEGIN
  UPDATE "CardSearch" SET "prompt" = new."prompt", "answer" = new."answer"
    WHERE "rowid" = (SELECT "id" FROM "CardSearchKey" WHERE "cardId" = new."id");
END;

CREATE TRIGGER "Card_search_delete" AFTER DELETE ON "Card" BEGIN
  DELETE FROM "CardSearch" WHERE "rowid" = (SELECT "id" FROM "CardSearchKey" WHERE "cardId" = old."id");
  DELETE FROM "CardSearchKey" WHERE "cardId" = old."id";
END;
