/**
 * The error model. Every refusal is a {@link dev.foyer.problems.GatewayProblem} carrying a {@link
 * dev.foyer.problems.ProblemType}: a stable code, an HTTP status and a title. Resources and filters
 * only throw; {@link dev.foyer.problems.ProblemBody} alone decides what the caller sees (RFC 9457
 * problem+json for API callers, an HTML page for browsers), so both audiences get the same code.
 * Upstream text and secrets never go into a problem's detail. A rendered refusal is announced as a
 * {@link dev.foyer.problems.Refused} event, which the sign-in audit records.
 */
package dev.foyer.problems;
