/**
 * Single use that holds across nodes: a used credential's hash is a primary key, so the database
 * settles a race between two nodes; the claim runs in its own transaction, and expired records are
 * deleted by retention's schedule (one batched sweep instead of one that any claim may start). The
 * template for every replay cache (signed links, JWT ids, and later flow state and SAML assertion
 * ids).
 */
package dev.foyer.singleuse;
