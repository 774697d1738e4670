package dev.foyer.it.jwtsso;

import static dev.foyer.it.support.SsoSpace.encode;
import static dev.foyer.it.support.SsoSpace.newSub;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.JwtTokens;
import dev.foyer.it.support.Refusals;
import dev.foyer.it.support.SsoSpace;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A token signs in once, however it is spelled and however many copies race for it (README "JWT
 * SSO"). Every JWT library writes one spelling of a token; a lenient base64url decoder reads many
 * more (padding, stray characters, the unused low bits of the signature's last character), and each
 * of those used to count as a token of its own.
 */
@ExtendWith(FoyerServer.class)
class JwtSsoSingleUseIT {

  /** The tokens the issue saw replayed: without jti, with jti, and valid forever. */
  enum Kind {
    WITHOUT_JTI,
    WITH_JTI,
    NEVER_EXPIRING;

    SsoSpace space(FoyerServer server) {
      return this == NEVER_EXPIRING
          ? SsoSpace.create(server, Json.object().put("requireExp", false))
          : SsoSpace.create(server);
    }

    Map<String, Object> claims(String sub) {
      var claims = SsoSpace.claims(sub);
      if (this == WITH_JTI) {
        claims.put("jti", UUID.randomUUID().toString());
      }
      if (this == NEVER_EXPIRING) {
        claims.remove("exp");
      }
      return claims;
    }
  }

  private final FoyerServer server;

  JwtSsoSingleUseIT(FoyerServer server) {
    this.server = server;
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void signsInOnceAndRefusesEveryOtherSpellingOfTheToken(Kind kind) {
    var space = kind.space(server);
    var sub = newSub();
    var token = space.token(kind.claims(sub));
    var respellings = JwtTokens.respellings(token);
    assertThat(respellings).hasSize(8).doesNotContain(token);

    var first = space.signIn(server.browser(), token);
    assertThat(first.statusCode()).as(Refusals.describe(first)).isEqualTo(302);
    var memberId = space.member(sub).orElseThrow().path("id").asText();

    for (var respelling : respellings) {
      var browser = server.browser().json();
      space.assertRefused(browser, space.signIn(browser, respelling), 400, "JWT3", null);
      var posted = server.browser().json();
      space.assertRefused(
          posted, posted.postForm(space.jwtPath(), "ms_token", respelling), 400, "JWT3", null);
    }
    var again = server.browser().json();
    space.assertRefused(again, space.signIn(again, token), 401, "JWT11", null);
    var embedded = server.browser().json();
    space.assertRefused(
        embedded,
        embedded.get("/spot/" + space.id + "/embed?authToken=" + encode(token)),
        401,
        "JWT11",
        null);

    assertThat(space.member(sub).orElseThrow().path("id").asText()).isEqualTo(memberId);
    assertThat(space.loginRecords())
        .filteredOn(record -> record.path("accepted").asBoolean())
        .singleElement()
        .satisfies(record -> assertThat(record.path("memberId").asText()).isEqualTo(memberId));
    assertThat(space.refusalCodes())
        .hasSize(2 * respellings.size() + 2)
        .containsOnly("JWT3", "JWT11");
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void refusesARespellingSentBeforeTheTokenAndStillAcceptsTheTokenOnce(Kind kind) {
    var space = kind.space(server);
    var sub = newSub();
    var token = space.token(kind.claims(sub));

    for (var respelling : JwtTokens.respellings(token)) {
      var browser = server.browser().json();
      space.assertRefused(browser, space.signIn(browser, respelling), 400, "JWT3", sub);
    }
    var first = space.signIn(server.browser(), token);
    var again = server.browser().json();
    var replay = space.signIn(again, token);

    assertThat(first.statusCode()).as(Refusals.describe(first)).isEqualTo(302);
    space.assertRefused(again, replay, 401, "JWT11", null);
    assertThat(space.member(sub)).isPresent();
  }

  /**
   * Twelve requests at once, through the link, the form post and the embed: the token four times in
   * each, and its other spellings. One signs in; every other copy is refused as used (or as racing
   * the one that won), every other spelling as malformed.
   */
  @ParameterizedTest
  @EnumSource(Kind.class)
  void admitsExactlyOneOfParallelReplays(Kind kind) throws Exception {
    var space = kind.space(server);
    var sub = newSub();
    var token = space.token(kind.claims(sub));
    var respellings = JwtTokens.respellings(token);
    var sends = new ArrayList<Send>();
    for (int i = 0; i < 4; i++) {
      sends.add(new Send(token, i % 3));
    }
    for (int i = 0; i < respellings.size(); i++) {
      sends.add(new Send(respellings.get(i), i % 3));
    }
    var pool = Executors.newFixedThreadPool(sends.size());
    try {
      var start = new CountDownLatch(1);
      var futures = new ArrayList<Future<HttpResponse<String>>>();
      for (var send : sends) {
        futures.add(
            pool.submit(
                () -> {
                  var browser = server.browser().json();
                  start.await();
                  return send.send(space, browser);
                }));
      }
      start.countDown();
      var accepted = 0;
      for (int i = 0; i < sends.size(); i++) {
        var response = futures.get(i).get(2, TimeUnit.MINUTES);
        var what = Refusals.describe(response);
        if (response.statusCode() == 302) {
          accepted++;
          assertThat(sends.get(i).token()).as(what).isEqualTo(token);
          continue;
        }
        if (sends.get(i).token().equals(token)) {
          assertThat(response.statusCode()).as(what).isIn(401, 409);
          Refusals.assertProblem(response, response.statusCode(), code(response.statusCode()));
        } else {
          Refusals.assertProblem(response, 400, "JWT3");
        }
        assertThat(response.headers().allValues("Set-Cookie"))
            .as(what)
            .noneMatch(cookie -> cookie.startsWith(space.cookieName() + "="));
      }
      assertThat(accepted).as("sign-ins admitted").isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }

    var member = space.member(sub);
    assertThat(member).isPresent();
    var records = space.loginRecords();
    assertThat(records).hasSize(sends.size());
    assertThat(records)
        .filteredOn(record -> record.path("accepted").asBoolean())
        .singleElement()
        .satisfies(
            record ->
                assertThat(record.path("memberId").asText())
                    .isEqualTo(member.get().path("id").asText()));
    assertThat(space.refusalCodes())
        .hasSize(sends.size() - 1)
        .isSubsetOf("JWT3", "JWT11", "REQ409")
        .filteredOn("JWT3"::equals)
        .hasSize(respellings.size());
  }

  private static String code(int status) {
    return status == 409 ? "REQ409" : "JWT11";
  }

  /** One request: through the link (0), the form post (1) or the embed (2). */
  private record Send(String token, int way) {
    HttpResponse<String> send(SsoSpace space, Browser browser) {
      return switch (way) {
        case 0 -> space.signIn(browser, token);
        case 1 -> browser.postForm(space.jwtPath(), "ms_token", token);
        default -> browser.get("/spot/" + space.id + "/embed?authToken=" + encode(token));
      };
    }
  }
}
