/**
 * Retention: what the database stops keeping, on a schedule inside the application. Every node runs
 * the schedule; a run first claims the job's row in {@code scheduled_job} under a row lock, so one
 * node sweeps per half interval and the others skip. The claim is a lease with a time, not a held
 * lock: a node that dies mid-run blocks nobody, and should two runs overlap (a run longer than half
 * the interval), each delete is a set of rows selected and deleted in its own short transaction,
 * which does nothing to rows another node deleted first. Rows go in batches, so a backlog (the
 * first run after an upgrade) never holds one long transaction. Only what nobody can use again
 * goes: sessions after they expired, guests (no linked identity, so no way back in) once they have
 * no session left, login records past their period, used credentials past the time they would have
 * expired anyway.
 */
package dev.foyer.retention;
