/** Types of tools/ensure-postgres.mjs. */
/** @returns the folder of initdb/pg_ctl/postgres; installs Debian's postgresql as root when missing. */
export declare function ensurePostgres(): string;
