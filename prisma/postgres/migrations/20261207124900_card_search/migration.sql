-- Full-text search over cards' fronts and backs (lib/data/card-search.ts), PostgreSQL's
-- counterpart of the SQLite migration's FTS5 table: one tsvector per card, with a GIN index, kept in step with Card by
-- a trigger so that every write path (seed, import, edit) is indexed without knowing of it; a
-- deleted card's row goes with it (ON DELETE CASCADE). Prisma does not model this table: it is
-- listed as external (lib/database/schema-layout.ts), so the drift check leaves it alone.
-- The 'english' configuration stems words (binds ~ bind) as the SQLite side's porter tokenizer
-- does; unlike it, accents are kept (unaccent is an extension a managed server may not allow).
CREATE TABLE "CardSearch" (
    "cardId" TEXT NOT NULL,
    "document" TSVECTOR NOT NULL,

    CONSTRAINT "CardSearch_pkey" PRIMARY KEY ("cardId"),
    CONSTRAINT "CardSearch_cardId_fkey" FOREIGN KEY ("cardId") REFERENCES "Card"("id") ON DELETE CASCADE ON UPDATE CASCADE
);

CREATE INDEX "CardSearch_document_idx" ON "CardSearch" USING GIN ("document");

CREATE FUNCTION "card_search_document"(prompt TEXT, answer TEXT) RETURNS TSVECTOR
  LANGUAGE SQL IMMUTABLE
  RETURN to_tsvector('english', prompt || ' ' || answer);

INSERT INTO "CardSearch" ("cardId", "document")
  SELECT "id", "card_search_document"("prompt", "answer") FROM "Card";

CREATE FUNCTION "card_search_refresh"() RETURNS TRIGGER
  LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "CardSearch" ("cardId", "document") VALUES (NEW."id", "card_search_document"(NEW."prompt", NEW."answer"))
    ON CONFLICT ("cardId") DO UPDATE SET "document" = EXCLUDED."document";
  RETURN NULL;
END;
$$;

CREATE TRIGGER "Card_search_refresh" AFTER INSERT OR UPDATE OF "prompt", "answer" ON "Card"
  FOR EACH ROW EXECUTE FUNCTION "card_search_refresh"();
