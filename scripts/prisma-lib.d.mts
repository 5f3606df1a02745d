// Types for scripts/prisma-lib.mjs (used by the schema drift test).
export const root: string;
export const schemaPaths: { sqlite: string; postgresql: string };
export function derivePostgresSchema(sqliteSchema: string): string;
export function writePostgresSchema(): string;
export function prisma(args: string[], opts?: { stdio?: unknown }): string;
export function createSql(provider: 'sqlite' | 'postgresql'): string;
