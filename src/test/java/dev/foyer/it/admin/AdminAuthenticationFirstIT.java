package dev.foyer.it.admin;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The administration API authenticates its caller before it looks at anything else of the request
 * (README "Administration API"): a caller without a token Foyer accepts learns 401 {@code GEN401},
 * whatever the method, path, content type or body, on every server. RESTEasy (WildFly) chooses the
 * resource method, and refuses a body it cannot read with 415, before a role check on the method
 * would run; the admin API decides who may call before matching ({@code AdminAccess}).
 */
@Tag("wildfly-smoke")
@ExtendWith(FoyerServer.class)
class AdminAuthenticationFirstIT {
  private static String space;
  private static String tenYears;
  private static String expired;

  @BeforeAll
  static void prepare(FoyerServer server) {
    space = createSpace(server);
    // MP-JWT accepts it; Foyer's own policy (foyer.admin-token.max-lifetime) does not.
    tenYears = server.token("--ttl", "P3650D");
    expired = server.token("--ttl", "-PT1H");
  }

  /** Every method and path of the API that reads a JSON body. */
  static Stream<Arguments> writes() {
    return Stream.of(
        Arguments.of("POST", "/api/admin/spaces"),
        Arguments.of("PATCH", "/api/admin/spaces/{space}"),
        Arguments.of("POST", "/api/admin/spaces/{space}/events"),
        Arguments.of("PATCH", "/api/admin/spaces/{space}/events/ev-1"),
        Arguments.of("POST", "/api/admin/spaces/{space}/members"),
        Arguments.of("PUT", "/api/admin/spaces/{space}/members/1/status"),
        Arguments.of("POST", "/api/admin/spaces/{space}/groups"),
        Arguments.of("PUT", "/api/admin/spaces/{space}/sso"),
        Arguments.of("POST", "/api/admin/spaces/{space}/identity-providers"),
        Arguments.of("PATCH", "/api/admin/spaces/{space}/identity-providers/acme"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writes")
  void refusesAWriteWithoutTokenOrContentTypeWithGen401(
      String method, String path, FoyerServer server) {
    var response = send(server, null, method, path, null, null);

    assertProblem(response, 401, "GEN401");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writes")
  void refusesAWriteWithoutTokenWithAWrongContentTypeWithGen401(
      String method, String path, FoyerServer server) {
    var response = send(server, null, method, path, "text/plain", "{\"name\":\"x\"}");

    assertProblem(response, 401, "GEN401");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writes")
  void refusesAWriteWithAnExpiredTokenAndNoContentTypeWithGen401(
      String method, String path, FoyerServer server) {
    var response = send(server, expired, method, path, null, null);

    assertProblem(response, 401, "GEN401");
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("writes")
  void refusesAWriteWithATokenBeyondFoyersPolicyAndAWrongContentTypeWithGen401(
      String method, String path, FoyerServer server) {
    var response = send(server, tenYears, method, path, "application/xml", "<space/>");

    assertProblem(response, 401, "GEN401");
    assertThat(response.body()).as(describe(response)).contains("lifetime");
  }

  @Test
  void refusesAMethodThePathLacksWithoutTokenWithGen401(FoyerServer server) {
    var response = send(server, null, "PUT", "/api/admin/spaces", "application/json", "{}");

    assertProblem(response, 401, "GEN401");
  }

  @Test
  void refusesAnUnknownAdminPathWithoutTokenWithGen401(FoyerServer server) {
    var response = send(server, null, "POST", "/api/admin/no-such-thing", null, null);

    assertProblem(response, 401, "GEN401");
  }

  @Test
  void stillRefusesAnAdministratorsWriteWithAWrongContentTypeWithReq415(FoyerServer server) {
    var response =
        send(server, server.adminToken(), "POST", "/api/admin/spaces", "text/plain", "{}");

    assertProblem(response, 415, "REQ415");
  }

  private static HttpResponse<String> send(
      FoyerServer server,
      String token,
      String method,
      String path,
      String contentType,
      String body) {
    var browser = server.browser().json();
    if (token != null) {
      browser = browser.bearer(token);
    }
    var request = browser.request(path.replace("{space}", space));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
    return browser.send(request);
  }
}
