package dev.foyer.it.admin;

import static dev.foyer.it.support.AdminApi.call;
import static dev.foyer.it.support.AdminApi.fixture;
import static dev.foyer.it.support.Refusals.assertProblem;

import dev.foyer.it.support.AdminApi.Endpoint;
import dev.foyer.it.support.FoyerServer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bodies that are not the JSON an admin endpoint expects: REQ400, whatever the endpoint. */
@ExtendWith(FoyerServer.class)
class AdminRequestBodiesIT {
  private static String admin;

  @BeforeAll
  static void mintToken(FoyerServer server) {
    admin = server.adminToken();
  }

  static Stream<Arguments> malformedBodies() {
    return Stream.of(
        Arguments.of("POST", "/api/admin/spaces", "{\"slug\":\"{new}\",\"name\":"),
        Arguments.of("POST", "/api/admin/spaces", "{\"slug\":\"{new}\" \"name\":\"x\"}"),
        Arguments.of("POST", "/api/admin/spaces", "not json"),
        Arguments.of("POST", "/api/admin/spaces", "[\"{new}\"]"),
        Arguments.of("POST", "/api/admin/spaces", "\"{new}\""),
        Arguments.of("POST", "/api/admin/spaces", ""),
        Arguments.of(
            "POST", "/api/admin/spaces", "{\"slug\":{\"value\":\"{new}\"},\"name\":\"x\"}"),
        Arguments.of("POST", "/api/admin/spaces", "{\"slug\":\"{new}\",\"name\":[\"x\"]}"),
        Arguments.of(
            "POST",
            "/api/admin/spaces",
            "{\"slug\":\"{new}\",\"name\":\"x\",\"allowedOrigins\":\"https://intranet.example.com\"}"),
        Arguments.of(
            "POST",
            "/api/admin/spaces",
            "{\"slug\":\"{new}\",\"name\":\"x\",\"visibility\":\"SECRET\"}"),
        Arguments.of(
            "POST",
            "/api/admin/spaces",
            "{\"slug\":\"{new}\",\"name\":\"x\",\"signedLinksRequired\":\"maybe\"}"),
        Arguments.of(
            "POST",
            "/api/admin/spaces",
            "{\"slug\":\"{new}\",\"name\":\"x\",\"signedLinksRequired\":1}"),
        Arguments.of(
            "POST",
            "/api/admin/spaces",
            "{\"slug\":\"{new}\",\"name\":\"x\",\"linkByEmail\":\"yes\"}"),
        Arguments.of("PATCH", "/api/admin/spaces/{space}", "{\"name\":"),
        Arguments.of("POST", "/api/admin/spaces/{space}/events", "{\"title\":"),
        Arguments.of(
            "POST",
            "/api/admin/spaces/{space}/events",
            "{\"title\":\"x\",\"startsAt\":\"tomorrow\"}"),
        Arguments.of(
            "POST",
            "/api/admin/spaces/{space}/events",
            "{\"title\":\"x\",\"admittedLevels\":\"NICKNAME\"}"),
        Arguments.of("POST", "/api/admin/spaces/{space}/events", "{\"title\":{\"en\":\"x\"}}"),
        Arguments.of(
            "PATCH", "/api/admin/spaces/{space}/events/{event}", "{\"endsAt\":1700000000000}"),
        Arguments.of(
            "PUT", "/api/admin/spaces/{space}/members/{member}/status", "{\"status\":\"BANNED\"}"),
        Arguments.of(
            "PUT",
            "/api/admin/spaces/{space}/members/{member}/status",
            "{\"status\":[\"ACTIVE\"]}"),
        Arguments.of("PUT", "/api/admin/spaces/{space}/members/{member}/status", "DEACTIVATED"));
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("malformedBodies")
  void refusesABodyThatIsNotTheExpectedJsonWithReq400(
      String method, String path, String body, FoyerServer server) {
    var endpoint = new Endpoint(method, path, body, 0);

    var response = call(server, admin, endpoint, fixture(server, endpoint));

    assertProblem(response, 400, "REQ400");
  }
}
