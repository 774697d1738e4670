/**
 * The database as the application sees it. The schema is Flyway's, not EclipseLink's: versioned SQL
 * under {@code db/migration/<vendor>} (vendor from the JDBC metadata, because H2 and PostgreSQL
 * disagree on types), applied at start-up before any JPA use, so several nodes and both servers
 * (Payara, WildFly) see one schema history. A database made by the release before Flyway
 * (EclipseLink's create-or-extend-tables) has the tables of V1 but no history: it is adopted as
 * version 1. A failed migration stops the deployment. Timestamps are stored as UTC, never as a
 * blob, and readiness answers only when the database does.
 */
package dev.foyer.database;
