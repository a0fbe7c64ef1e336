/**
 * Tables our migrations create that schema.prisma cannot model: the FTS5 full-text index over
 * cards and its shadow tables (prisma/migrations/*_card_search). Prisma's schema engine must
 * leave them alone: without this list a diff sees them as drift and writes a migration that
 * drops them. Used by our WebAssembly engine runs (schema-engine.ts) and by the Prisma CLI
 * (prisma.config.ts), so both agree.
 */
export const externalTables = ["CardSearch", "CardSearch_config", "CardSearch_content", "CardSearch_data", "CardSearch_docsize", "CardSearch_idx"];
