package dev.foyer.jwtsso.boundary;

import dev.foyer.doors.AssertedProfile;
import dev.foyer.doors.DoorSecrets;
import dev.foyer.jwtsso.control.JwtSsoSpaces;
import dev.foyer.jwtsso.control.SsoClaims;
import dev.foyer.jwtsso.control.SsoTokenPolicy;
import dev.foyer.jwtsso.control.SsoTokenVerifier;
import dev.foyer.jwtsso.entity.JwtSsoProblem;
import dev.foyer.members.entity.AdmissionPolicy;
import dev.foyer.members.entity.AssertedIdentity;
import dev.foyer.members.entity.Member;
import dev.foyer.members.entity.MemberChanges;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.signin.control.DoorAttempt;
import dev.foyer.signin.entity.Destination;
import dev.foyer.singleuse.Replays;
import dev.foyer.spaces.entity.AdmissionLevel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a JWT SSO request into an asserted identity: the space by id, its settings, the token
 * verified against its keys and policy, then used up.
 */
@ApplicationScoped
public class JwtSsoAuthenticator {
  /**
   * A token without exp (a space that opted out) stays valid as long as the key does, so it is
   * remembered for good: until a date no clock reaches, which H2's and PostgreSQL's timestamps
   * still hold.
   */
  static final Instant FOREVER = Instant.parse("9999-12-31T00:00:00Z");

  static final String REPLAY_KIND = "jwt";

  @Inject JwtSsoSpaces ssoSpaces;
  @Inject DoorSecrets secrets;
  @Inject Replays replays;
  @Inject Clock clock;

  AssertedProfile authenticate(HttpServletRequest request, JwtSsoRequest sso) {
    var space = ssoSpaces.space(sso.spaceId());
    DoorAttempt.account(request, space.slug());
    var settings = ssoSpaces.enabledSettings(space);
    var now = clock.instant();
    var keys =
        secrets.open("the JWT SSO key of space " + space.slug(), settings.key().sealedKeys(now));
    var policy =
        new SsoTokenPolicy(
            Set.of("HS256"),
            settings.requiresExp(),
            settings.maxLifetime(),
            SsoTokenPolicy.DEFAULT_SKEW);
    var claims = SsoTokenVerifier.verify(sso.token(), keys, policy, now);
    var keepUntil = claims.expiresAt().map(exp -> exp.plus(policy.clockSkew())).orElse(FOREVER);
    // Earlier releases recorded a token without jti by its text; the verifier now accepts only the
    // canonical text, so such a record, where there is one, is found under that same text.
    var usedBefore =
        claims.jwtId().isEmpty() && replays.claimed(REPLAY_KIND, "token:" + sso.token());
    if (usedBefore || !replays.claim(REPLAY_KIND, claims.singleUseKey(space.id()), keepUntil)) {
      throw new GatewayProblem(
          JwtSsoProblem.JWT_REPLAYED,
          "This token was already used; sign a fresh one for each sign-in.");
    }
    var identity =
        new AssertedIdentity(
            space.slug(),
            JwtSsoDoor.NAME,
            JwtSsoDoor.NAME,
            Optional.of(claims.sub()),
            AdmissionLevel.SSO,
            profile(claims),
            new MemberChanges(
                claims.groupsJoin(),
                claims.groupsLeave(),
                claims.customProperties(),
                claims.domainsSet(),
                claims.domainsUnset(),
                Optional.empty()),
            new AdmissionPolicy(
                true, true, settings.forceSync(), settings.startsNewMemberOnEmailChange(), false));
    return new AssertedProfile(identity, Destination.path(sso.referrerUrl()));
  }

  private static Member.Profile profile(SsoClaims claims) {
    return Member.Profile.named(
            Member.Profile.nickname(claims.firstName() + " " + claims.lastName()),
            claims.firstName())
        .withFamilyName(claims.lastName())
        .withEmail(claims.email())
        .withTitle(claims.title().orElse(null))
        .withAvatarUrl(claims.avatarUrl().orElse(null))
        .withLanguage(claims.lang())
        .withTimeZone(claims.timezone());
  }

  /** What the door read from the request before looking at the token. */
  record JwtSsoRequest(String spaceId, String token, Optional<String> referrerUrl) {}
}
