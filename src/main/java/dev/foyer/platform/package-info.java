/**
 * Cross-cutting plumbing. Every refusal is a {@link dev.foyer.platform.GatewayProblem} carrying a
 * {@link dev.foyer.platform.ProblemType}: a stable code, an HTTP status and a title. Resources and
 * filters only throw; {@link dev.foyer.platform.ProblemBody} alone decides what the caller sees
 * (RFC 9457 problem+json for API callers, an HTML page for browsers), so both audiences get the
 * same code. Upstream text and secrets never go into a problem's detail.
 */
package dev.foyer.platform;
