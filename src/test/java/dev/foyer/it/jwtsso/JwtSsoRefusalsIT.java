package dev.foyer.it.jwtsso;

import static dev.foyer.it.support.SsoSpace.claims;
import static dev.foyer.it.support.SsoSpace.newSub;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.JwtTokens;
import dev.foyer.it.support.SsoSpace;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every token the JWT SSO door refuses, with its code and status (README "Error codes"). Each
 * refusal writes a login record with its code and nothing else: no member, no session.
 */
@ExtendWith(FoyerServer.class)
class JwtSsoRefusalsIT {

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  @Test
  void refusesExpiredToken(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var claims = claims(newSub());
    claims.put("iat", now() - 300);
    claims.put("exp", now() - 120);

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 401, "JWT8", (String) claims.get("sub"));
  }

  @Test
  void acceptsTokenExpiredWithinClockSkew(FoyerServer server) {
    var space = SsoSpace.create(server);
    var claims = claims(newSub());
    claims.put("iat", now() - 60);
    claims.put("exp", now() - 10);

    var response = space.signIn(server.browser(), space.token(claims));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
  }

  @Test
  void refusesTokenIssuedInTheFuture(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var claims = claims(newSub());
    claims.put("iat", now() + 300);
    claims.put("exp", now() + 330);

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 401, "JWT9", (String) claims.get("sub"));
  }

  @Test
  void refusesTokenNotValidBeforeLater(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var claims = claims(newSub());
    claims.put("nbf", now() + 300);

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 401, "JWT9", (String) claims.get("sub"));
  }

  @Test
  void refusesTokenWithoutExp(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var claims = claims(newSub());
    claims.remove("exp");

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 401, "JWT7", (String) claims.get("sub"));
  }

  @Test
  void acceptsTokenWithoutExpOnceWhenSpaceDoesNotRequireExp(FoyerServer server) {
    var space = SsoSpace.create(server, Json.object().put("requireExp", false));
    var sub = newSub();
    var claims = claims(sub);
    claims.remove("exp");
    var token = space.token(claims);

    var first = space.signIn(server.browser(), token);
    var browser = server.browser().json();
    var again = space.signIn(browser, token);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
    assertThat(space.member(sub)).isPresent();
    space.assertRefused(browser, again, 401, "JWT11", null);
  }

  @Test
  void refusesTokenLivingLongerThanFiveMinutesByDefault(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var claims = claims(newSub());
    claims.put("iat", now());
    claims.put("exp", now() + 600);

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 401, "JWT10", (String) claims.get("sub"));
  }

  @Test
  void acceptsTokenLivingFiveMinutes(FoyerServer server) {
    var space = SsoSpace.create(server);
    var claims = claims(newSub());
    claims.put("iat", now());
    claims.put("exp", now() + 300);

    var response = space.signIn(server.browser(), space.token(claims));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
  }

  @Test
  void refusesLifetimeOverTheSpacesMaxLifetime(FoyerServer server) {
    var space = SsoSpace.create(server, Json.object().put("maxLifetime", "PT1M"));
    var browser = server.browser().json();
    var claims = claims(newSub());
    claims.put("iat", now());
    claims.put("exp", now() + 150);

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 401, "JWT10", (String) claims.get("sub"));
  }

  @Test
  void measuresLifetimeFromNowWithoutIat(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var claims = claims(newSub());
    claims.remove("iat");
    claims.put("exp", now() + 600);

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 401, "JWT10", (String) claims.get("sub"));
  }

  @Test
  void refusesTokenSignedWithAnotherKey(FoyerServer server) {
    var space = SsoSpace.create(server);
    var other = SsoSpace.create(server);
    var browser = server.browser().json();
    var sub = newSub();

    var response = space.signIn(browser, JwtTokens.hs256(claims(sub), other.key));

    space.assertRefused(browser, response, 401, "JWT6", sub);
  }

  @Test
  void refusesTokenWithAlteredClaims(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var genuine = space.token(claims(newSub()));
    var forgedSub = newSub();
    var forged = claims(forgedSub);
    var parts = genuine.split("\\.");

    var response =
        space.signIn(browser, parts[0] + "." + JwtTokens.part(Json.write(forged)) + "." + parts[2]);

    space.assertRefused(browser, response, 401, "JWT6", forgedSub);
  }

  @Test
  void refusesUnsignedToken(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var sub = newSub();

    var response = space.signIn(browser, JwtTokens.unsigned(claims(sub)));

    space.assertRefused(browser, response, 401, "JWT5", sub);
  }

  @Test
  void refusesRs256Token(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var sub = newSub();

    var response = space.signIn(browser, JwtTokens.rs256(claims(sub)));

    space.assertRefused(browser, response, 401, "JWT5", sub);
  }

  @ParameterizedTest
  @ValueSource(strings = {"HS384", "HS512"})
  void refusesOtherHmacAlgorithmsEvenWithTheSpaceKey(String algorithm, FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var sub = newSub();

    var response = space.signIn(browser, JwtTokens.hmac(algorithm, claims(sub), space.key));

    space.assertRefused(browser, response, 401, "JWT5", sub);
  }

  @Test
  void refusesEncryptedToken(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();

    var response = space.signIn(browser, JwtTokens.encrypted());

    space.assertRefused(browser, response, 400, "JWT4", null);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not-a-jwt",
        "a.b.c",
        "...",
        "eyJhbGciOiJIUzI1NiJ9",
        "bm90IGpzb24.e30.c2ln",
        "e30.e30.c2ln"
      })
  void refusesGarbage(String garbage, FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();

    var response = space.signIn(browser, garbage);

    space.assertRefused(browser, response, 400, "JWT3", null);
  }

  @Test
  void refusesCriticalHeaderParameters(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var sub = newSub();
    var token =
        JwtTokens.sign(
            claims(sub),
            space.key,
            Map.of(
                "algorithm",
                "HS256",
                "header",
                Map.of("crit", java.util.List.of("foyer-extension"), "foyer-extension", true)));

    var response = space.signIn(browser, token);

    space.assertRefused(browser, response, 400, "JWT3", sub);
  }

  @Test
  void refusesMissingToken(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();

    var response = browser.get(space.jwtPath() + "?referrerUrl=%2Fspaces%2F" + space.slug);

    space.assertRefused(browser, response, 400, "JWT1", null);
  }

  @Test
  void refusesEmptyToken(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();

    var response = browser.get(space.jwtPath() + "?ms_token=");

    space.assertRefused(browser, response, 400, "JWT1", null);
  }

  @Test
  void refusesFormWithoutToken(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();

    var response = browser.postForm(space.jwtPath(), "referrerUrl", "/spaces/" + space.slug);

    space.assertRefused(browser, response, 400, "JWT1", null);
  }

  @Test
  void refusesTokenLongerThan8192Characters(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();

    var response = browser.postForm(space.jwtPath(), "ms_token", "a".repeat(8193));

    space.assertRefused(browser, response, 400, "JWT2", null);
  }

  @Test
  void refusesRepeatedTokenParameter(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var sub = newSub();
    var token = space.token(claims(sub));

    var response = browser.get(space.jwtPath() + "?ms_token=" + token + "&ms_token=" + token);

    space.assertRefused(browser, response, 400, "UADUP1", sub);
  }

  @Test
  void refusesSameTokenTwice(FoyerServer server) {
    var space = SsoSpace.create(server);
    var sub = newSub();
    var token = space.token(claims(sub));

    var first = space.signIn(server.browser(), token);
    var browser = server.browser().json();
    var replay = space.signIn(browser, token);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
    space.assertRefused(browser, replay, 401, "JWT11", null);
    assertThat(space.member(sub)).isPresent();
  }

  @Test
  void refusesSecondTokenWithTheSameJti(FoyerServer server) {
    var space = SsoSpace.create(server);
    var jti = UUID.randomUUID().toString();
    var firstClaims = claims(newSub());
    firstClaims.put("jti", jti);
    var secondSub = newSub();
    var secondClaims = claims(secondSub);
    secondClaims.put("jti", jti);

    var first = space.signIn(server.browser(), space.token(firstClaims));
    var browser = server.browser().json();
    var second = space.signIn(browser, space.token(secondClaims));

    assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
    space.assertRefused(browser, second, 401, "JWT11", secondSub);
  }

  @Test
  void acceptsTheSameJtiInAnotherSpace(FoyerServer server) {
    var space = SsoSpace.create(server);
    var other = SsoSpace.create(server);
    var jti = UUID.randomUUID().toString();
    var claims = claims(newSub());
    claims.put("jti", jti);

    var first = space.signIn(server.browser(), space.token(claims));
    var second = other.signIn(server.browser(), other.token(claims));

    assertThat(first.statusCode()).as(first.body()).isEqualTo(302);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(302);
  }

  @Test
  void refusesWhenSsoIsDisabled(FoyerServer server) {
    var space = SsoSpace.create(server, Json.object().put("enabled", false));
    var browser = server.browser().json();
    var sub = newSub();

    var response = space.signIn(browser, space.token(claims(sub)));

    space.assertRefused(browser, response, 403, "JWT17", sub);
  }

  @Test
  void refusesAfterSsoIsSwitchedOff(FoyerServer server) {
    var space = SsoSpace.create(server);
    space.configureSso(Json.object().put("enabled", false));
    var browser = server.browser().json();
    var sub = newSub();

    var response = space.signIn(browser, space.token(claims(sub)));

    space.assertRefused(browser, response, 403, "JWT17", sub);
  }

  @ParameterizedTest
  @ValueSource(strings = {"random", "not-a-uuid", "00000000-0000-0000-0000-000000000000"})
  void refusesUnknownSpaceId(String spaceId, FoyerServer server) {
    var space = SsoSpace.create(server);
    var id = spaceId.equals("random") ? UUID.randomUUID().toString() : spaceId;
    var browser = server.browser().json();
    var sub = newSub();

    var response = browser.get("/spot/" + id + "/sso/jwt?ms_token=" + space.token(claims(sub)));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
    assertThat(Json.parse(response).path("code").asText()).isEqualTo("JWT16");
    assertThat(response.headers().allValues("Set-Cookie"))
        .noneMatch(cookie -> cookie.startsWith("foyer_"));
    assertThat(space.member(sub)).isEmpty();
  }
}
