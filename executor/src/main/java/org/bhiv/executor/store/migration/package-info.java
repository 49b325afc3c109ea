/**
 * Schema migrations that SQL alone cannot write in one dialect for H2 and PostgreSQL (Flyway Java
 * migrations, run in version order with the SQL ones in {@code db/migration}).
 */
package org.bhiv.executor.store.migration;
