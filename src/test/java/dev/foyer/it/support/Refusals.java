package dev.foyer.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

/**
 * What every refused sign-in must look like to its caller, and the checks that nothing was written.
 */
public final class Refusals {
  private Refusals() {}

  /** Status, no redirect, no cookie, and the code on an HTML page (browser) or in problem+json. */
  public static void assertRefused(
      HttpResponse<String> response, Browser browser, boolean asBrowser, String code, int status) {
    var what = describe(response);
    assertThat(response.statusCode()).as(what).isEqualTo(status);
    assertThat(response.headers().firstValue("Location")).as("Location of " + what).isEmpty();
    assertThat(response.headers().allValues("Set-Cookie")).as("Set-Cookie of " + what).isEmpty();
    assertThat(browser.cookies()).as("cookies after " + what).isEmpty();
    var contentType = response.headers().firstValue("Content-Type").orElse("");
    if (asBrowser) {
      assertThat(contentType).as(what).startsWith("text/html");
      assertThat(response.body()).as(what).contains(code);
    } else {
      assertThat(contentType).as(what).startsWith("application/problem+json");
      var problem = Json.parse(response);
      assertThat(problem.path("code").asText()).as(what).isEqualTo(code);
      assertThat(problem.path("status").asInt()).as(what).isEqualTo(status);
    }
  }

  /**
   * A problem+json answer with that status and {@code code}, as the admin API and API callers get
   * it.
   */
  public static void assertProblem(HttpResponse<String> response, int status, String code) {
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type"))
        .as(describe(response))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(Json.parse(response).path("code").asText()).as(describe(response)).isEqualTo(code);
  }

  public static void assertNoMember(FoyerServer server, String slug, List<String> uids) {
    for (var uid : uids) {
      var members = AdminApi.reconcile(server, slug, uid);
      assertThat(members).as("members of %s with uid %s: %s", slug, uid, members).isEmpty();
    }
  }

  /** A response in one line for assertion messages: method, URI and the start of the body. */
  public static String describe(HttpResponse<String> response) {
    var uri = response.uri().toString();
    var body = response.body() == null ? "" : response.body();
    return "%s %s -> %d %s"
        .formatted(
            response.request().method(),
            uri.length() > 300 ? uri.substring(0, 300) + "…" : uri,
            response.statusCode(),
            body.length() > 600 ? body.substring(0, 600) + "…" : body);
  }
}
