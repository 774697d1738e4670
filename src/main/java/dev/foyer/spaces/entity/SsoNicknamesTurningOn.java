package dev.foyer.spaces.entity;

/**
 * Fired synchronously, inside the admin request's transaction, before a space's "always use SSO
 * nicknames" is turned on. The option excludes enabled social providers (seed 002); those live in
 * the federation package, which the spaces package may not know, so its observer refuses by
 * throwing, and nothing of the request is written.
 */
public record SsoNicknamesTurningOn(Space space) {}
