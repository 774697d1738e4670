/**
 * Email and password, for members an administrator created with one (seeds 001/003: a member may
 * keep a password beside SSO). The door finds the member by the login linked under {@code password}
 * and checks the PBKDF2 hash; an unknown email is checked against a decoy hash, so a wrong email
 * and a wrong password look alike and cost the same. Credentials are read from the form body only:
 * a query string naming a field is refused, because the servlet API would let it override the body
 * and because addresses end up in logs. Guessing is throttled per space and email and per client
 * address with counters in the database (shared by every node), charged under a row lock before the
 * password is checked and refunded when it was right, so parallel attempts never get more passwords
 * checked than the limit; an unknown email is charged like a known one, so the throttle is no
 * oracle either.
 */
package dev.foyer.password;
