/** Types of tools/pg-cluster.mjs. */
export declare const TEST_DATABASE_URL_VAR: 'PROXY_TEST_DATABASE_URL';
export declare function findPgBin(): string | undefined;
export interface PgCluster {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication, loopback only). */
  url: string;
  /** Fast shutdown and removal of the cluster's folder; synchronous. */
  stop(): void;
}
export declare function startPgCluster(opts?: { durable?: boolean }): Promise<PgCluster>;
