/**
 * Single use that holds across nodes: a used credential's hash is a primary key, so the database
 * settles a race between two nodes; the claim runs in its own transaction, and expired records are
 * swept as claims go by. The template for every replay cache (signed links, JWT ids, and later flow
 * state and SAML assertion ids).
 */
package dev.foyer.singleuse;
