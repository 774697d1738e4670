/**
 * Email and password, for members an administrator created with one (seeds 001/003: a member may
 * keep a password beside SSO). The door finds the member by the login linked under {@code password}
 * and checks the PBKDF2 hash; an unknown email is checked against a decoy hash, so a wrong email
 * and a wrong password look alike and cost the same. Credentials are read from the form body only.
 */
package dev.foyer.password;
