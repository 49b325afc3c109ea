/**
 * The executor's durable store on JDBC: H2 in a file by default (nothing to install),
 * PostgreSQL when a JDBC URL is configured. Schema by Flyway, connections by HikariCP, one SQL
 * dialect for both (H2 runs in PostgreSQL mode). Holds executions and their idempotency keys
 * ({@link org.bhiv.executor.store.ExecutionStore}), tasks and sandbox records.
 */
package org.bhiv.executor.store;
