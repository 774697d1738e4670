/**
 * The database as the application sees it: how timestamps are stored (UTC, never a blob) and a
 * readiness check that answers only when the database does.
 */
package dev.foyer.database;
