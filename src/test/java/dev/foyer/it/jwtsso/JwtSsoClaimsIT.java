package dev.foyer.it.jwtsso;

import static dev.foyer.it.support.SsoSpace.claims;
import static dev.foyer.it.support.SsoSpace.newSub;
import static dev.foyer.it.support.SsoSpace.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.SsoSpace;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeds 001/003's claim table as README states it: what is stored, what falls back, what is
 * refused.
 */
@ExtendWith(FoyerServer.class)
class JwtSsoClaimsIT {

  @Test
  void storesTheProfileTheClaimsDescribe(FoyerServer server) {
    var space = SsoSpace.create(server);
    var sub = newSub();
    var claims = claims(sub);
    claims.put("title", "Analytical engine programmer");
    claims.put("avatarUrl", "https://cdn.example.test/avatars/ada.png");
    claims.put("lang", "fr");
    claims.put("timezone", "America/New_York");

    space.signInOk(claims);

    var member = space.member(sub).orElseThrow();
    assertThat(text(member, "givenName")).isEqualTo("Ada");
    assertThat(text(member, "familyName")).isEqualTo("Lovelace");
    assertThat(text(member, "nickname")).isEqualTo("Ada Lovelace");
    assertThat(text(member, "email")).isEqualTo(claims.get("email"));
    assertThat(member.path("emailVerified").asBoolean()).isTrue();
    assertThat(text(member, "title")).isEqualTo("Analytical engine programmer");
    assertThat(text(member, "avatarUrl")).isEqualTo("https://cdn.example.test/avatars/ada.png");
    assertThat(text(member, "language")).isEqualTo("fr");
    assertThat(text(member, "timeZone")).isEqualTo("America/New_York");
    assertThat(member.path("guest").asBoolean()).isFalse();
  }

  @Test
  void leavesOptionalClaimsEmptyAndAppliesDefaults(FoyerServer server) {
    var space = SsoSpace.create(server);
    var sub = newSub();

    space.signInOk(claims(sub));

    var member = space.member(sub).orElseThrow();
    assertThat(text(member, "title")).isNull();
    assertThat(text(member, "avatarUrl")).isNull();
    assertThat(text(member, "language")).isEqualTo("en");
    assertThat(text(member, "timeZone")).isEqualTo("Europe/Paris");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://cdn.example.test/ada.png", "https://cdn.example.test/ada.png?size=64"})
  void acceptsHttpAndHttpsAvatarUrls(String avatarUrl, FoyerServer server) {
    var space = SsoSpace.create(server);
    var sub = newSub();
    var claims = claims(sub);
    claims.put("avatarUrl", avatarUrl);

    space.signInOk(claims);

    assertThat(text(space.member(sub).orElseThrow(), "avatarUrl")).isEqualTo(avatarUrl);
  }

  @ParameterizedTest
  @ValueSource(strings = {"en", "fr", "de"})
  void keepsSupportedLanguage(String lang, FoyerServer server) {
    var space = SsoSpace.create(server);
    var sub = newSub();
    var claims = claims(sub);
    claims.put("lang", lang);

    space.signInOk(claims);

    assertThat(text(space.member(sub).orElseThrow(), "language")).isEqualTo(lang);
  }

  @ParameterizedTest
  @ValueSource(strings = {"es", "FR", "fr-FR", "english", "", "   "})
  void fallsBackToEnglishForAnyOtherLanguage(String lang, FoyerServer server) {
    var space = SsoSpace.create(server);
    var sub = newSub();
    var claims = claims(sub);
    claims.put("lang", lang);

    space.signInOk(claims);

    assertThat(text(space.member(sub).orElseThrow(), "language")).isEqualTo("en");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Europe/Berlin", "America/New_York", "Asia/Kolkata", "UTC"})
  void keepsValidTimeZone(String timezone, FoyerServer server) {
    var space = SsoSpace.create(server);
    var sub = newSub();
    var claims = claims(sub);
    claims.put("timezone", timezone);

    space.signInOk(claims);

    assertThat(text(space.member(sub).orElseThrow(), "timeZone")).isEqualTo(timezone);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Mars/Olympus_Mons", "europe/berlin", "CEST", "+02:00", ""})
  void fallsBackToEuropeParisForAnyOtherTimeZone(String timezone, FoyerServer server) {
    var space = SsoSpace.create(server);
    var sub = newSub();
    var claims = claims(sub);
    claims.put("timezone", timezone);

    space.signInOk(claims);

    assertThat(text(space.member(sub).orElseThrow(), "timeZone")).isEqualTo("Europe/Paris");
  }

  @Test
  void acceptsSubEmailAndTitleOf255Characters(FoyerServer server) {
    var space = SsoSpace.create(server);
    var sub = "s".repeat(255);
    var claims = claims(sub);
    var email = "a".repeat(242) + "@example.test";
    claims.put("email", email);
    claims.put("title", "t".repeat(255));

    space.signInOk(claims);

    var member = space.member(sub).orElseThrow();
    assertThat(text(member, "email")).isEqualTo(email).hasSize(255);
    assertThat(text(member, "title")).hasSize(255);
  }

  @Test
  void acceptsNamesOf255CharactersEach(FoyerServer server) {
    var space = SsoSpace.create(server);
    var sub = newSub();
    var claims = claims(sub);
    claims.put("firstName", "F".repeat(255));
    claims.put("lastName", "L".repeat(255));

    var response = space.signIn(server.browser(), space.token(claims));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
    var member = space.member(sub).orElseThrow();
    assertThat(text(member, "givenName")).hasSize(255);
    assertThat(text(member, "familyName")).hasSize(255);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sub", "firstName", "lastName", "email"})
  void refusesTokenWithoutRequiredClaim(String claim, FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var sub = newSub();
    var claims = claims(sub);
    claims.remove(claim);

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 400, "JWT12", sub);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sub", "firstName", "lastName", "email"})
  void refusesBlankRequiredClaim(String claim, FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var sub = newSub();
    var claims = claims(sub);
    claims.put(claim, "   ");

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 400, "JWT12", sub);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sub", "firstName", "lastName", "email", "title"})
  void refusesClaimLongerThan255Characters(String claim, FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var sub = newSub();
    var claims = claims(sub);
    claims.put(claim, claim.equals("email") ? "a".repeat(243) + "@example.test" : "x".repeat(256));

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 400, "JWT13", sub);
    if (claim.equals("sub")) {
      assertThat(space.member("x".repeat(256))).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sub",
        "firstName",
        "email",
        "title",
        "groups:join",
        "customProperties",
        "domains:set"
      })
  void refusesClaimOfTheWrongType(String claim, FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var sub = newSub();
    var claims = claims(sub);
    Object wrong =
        switch (claim) {
          case "groups:join" -> 42;
          case "customProperties", "domains:set" -> "not an object";
          case "title" -> List.of("a", "b");
          default -> Map.of("nested", "object");
        };
    claims.put(claim, wrong);

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 400, "JWT13", sub);
  }

  @Test
  void refusesControlCharactersInClaims(FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var sub = newSub();
    var claims = claims(sub);
    claims.put("lastName", "Lovelace\r\nSet-Cookie: x=y");

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 400, "JWT13", sub);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not-an-email",
        "ada@",
        "@example.test",
        "ada@example",
        "ada lovelace@example.test",
        "ada@exa_mple.test",
        "ada@@example.test"
      })
  void refusesInvalidEmail(String email, FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var sub = newSub();
    var claims = claims(sub);
    claims.put("email", email);

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 400, "JWT14", sub);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "javascript:alert(1)",
        "ftp://cdn.example.test/ada.png",
        "/avatars/ada.png",
        "cdn.example.test/ada.png",
        "data:image/png;base64,iVBORw0KGgo",
        "https:///ada.png",
        "https://cdn.example.test/a da.png"
      })
  void refusesAvatarUrlThatIsNotAnHttpUrl(String avatarUrl, FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var sub = newSub();
    var claims = claims(sub);
    claims.put("avatarUrl", avatarUrl);

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 400, "JWT15", sub);
  }

  @ParameterizedTest
  @ValueSource(strings = {"javascript:alert(1)", "/relative", "ftp://files.example.test"})
  void refusesDomainThatIsNotAnHttpUrl(String url, FoyerServer server) {
    var space = SsoSpace.create(server);
    var browser = server.browser().json();
    var sub = newSub();
    var claims = claims(sub);
    claims.put("domains:set", Map.of("app", url));

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 400, "JWT13", sub);
  }
}
