package dev.foyer.it.support;

import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Names.slug;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * The administration API as an operator's scripts call it (README "Administration API"): raw calls
 * with any token, and the fixtures the tests build through it (spaces, events, members signed in
 * through URI Auth). Fixtures are made with {@link FoyerServer#adminToken()}.
 */
public final class AdminApi {
  private AdminApi() {}

  /**
   * An endpoint of the README's table; {space}, {event}, {member}, {uid}, {new} are filled per
   * test.
   */
  public record Endpoint(String method, String path, String body, int ok) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** What a test of {@code endpoint} needs, created fresh: values for its placeholders. */
  public static Map<String, String> fixture(FoyerServer server, Endpoint endpoint) {
    var text = endpoint.path() + (endpoint.body() == null ? "" : endpoint.body());
    var values = new TreeMap<String, String>();
    values.put("{new}", slug());
    if (text.contains("{space}")) {
      var space = createSpace(server);
      values.put("{space}", space);
      if (text.contains("{event}")) {
        values.put("{event}", createEvent(server, space));
      }
      if (endpoint.path().contains("/sso") && !endpoint.method().equals("PUT")) {
        var configured =
            send(
                server,
                server.adminToken(),
                "PUT",
                "/api/admin/spaces/" + space + "/sso",
                "{\"enabled\":true}");
        assertThat(configured.statusCode()).as(describe(configured)).isEqualTo(200);
      }
      if (text.contains("{member}") || text.contains("{uid}")) {
        var uid = "crm-" + hex(4);
        values.put("{uid}", uid);
        values.put("{member}", signInMember(server, space, uid));
      }
    }
    return values;
  }

  /** Calls {@code endpoint} with its placeholders filled from {@code values}. */
  public static HttpResponse<String> call(
      FoyerServer server, String token, Endpoint endpoint, Map<String, String> values) {
    Function<String, String> fill =
        text -> {
          var filled = text;
          for (var value : values.entrySet()) {
            filled = filled.replace(value.getKey(), value.getValue());
          }
          return filled;
        };
    return send(
        server,
        token,
        endpoint.method(),
        fill.apply(endpoint.path()),
        endpoint.body() == null ? null : fill.apply(endpoint.body()));
  }

  /** An API call asking for JSON; with a body it is sent as {@code application/json}. */
  public static HttpResponse<String> send(
      FoyerServer server, String token, String method, String path, String body) {
    var browser = server.browser().json();
    if (token != null) {
      browser = browser.bearer(token);
    }
    var request = browser.request(path);
    if (body == null) {
      request.method(method, BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, BodyPublishers.ofString(body));
    }
    return browser.send(request);
  }

  /** {@code POST /api/admin/spaces} with {@code body}, as the Foyer administrator; any answer. */
  public static HttpResponse<String> createSpace(FoyerServer server, JsonNode body) {
    return send(server, server.adminToken(), "POST", "/api/admin/spaces", Json.write(body));
  }

  /** A new space with a fresh slug and every setting at its default; returns the slug. */
  public static String createSpace(FoyerServer server) {
    var slug = slug();
    var response =
        createSpace(server, Json.object().put("slug", slug).put("name", "Space " + slug));
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
    return slug;
  }

  /**
   * A new space with a fresh slug; {@code fields} add to (or override) slug and name. Returns the
   * slug.
   */
  public static String createSpace(FoyerServer server, Map<String, Object> fields) {
    var slug = slug();
    var body = new LinkedHashMap<String, Object>();
    body.put("slug", slug);
    body.put("name", "Space " + slug);
    body.putAll(fields);
    var response = send(server, server.adminToken(), "POST", "/api/admin/spaces", Json.write(body));
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
    return body.get("slug").toString();
  }

  /**
   * A new event {@code ev-...} of the space with that title, admitting {@code levels}; returns the
   * id.
   */
  public static String createEvent(
      FoyerServer server, String slug, String title, String... levels) {
    var id = "ev-" + hex(5);
    var body = Map.of("id", id, "title", title, "admittedLevels", List.of(levels));
    var response =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/events",
            Json.write(body));
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
    return id;
  }

  /** Reconciliation: {@code GET .../members?uid=}, a JSON array of none or one member. */
  public static JsonNode reconcile(FoyerServer server, String slug, String uid) {
    return reconcile(server, slug, uid, null);
  }

  /** The same for an id linked under {@code provider} (an identity provider's alias, say). */
  public static JsonNode reconcile(FoyerServer server, String slug, String uid, String provider) {
    var response =
        send(
            server,
            server.adminToken(),
            "GET",
            "/api/admin/spaces/"
                + slug
                + "/members?uid="
                + URLEncoder.encode(uid, StandardCharsets.UTF_8)
                + (provider == null ? "" : "&provider=" + provider),
            null);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    var body = Json.parse(response);
    assertThat(body.isArray()).as(body.toString()).isTrue();
    return body;
  }

  /**
   * Members created through {@code POST .../members} (email counted as verified), four requests at
   * a time; their ids in the order of {@code bodies}.
   */
  public static List<String> createMembers(
      FoyerServer server, String slug, List<Map<String, Object>> bodies) {
    var admin = server.browser().json().bearer(server.adminToken());
    var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      var futures =
          bodies.stream()
              .map(
                  body ->
                      pool.submit(
                          () -> {
                            var created =
                                admin.postJson(
                                    "/api/admin/spaces/" + slug + "/members", Json.write(body));
                            assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
                            return Json.parse(created).path("id").asText();
                          }))
              .toList();
      var ids = new ArrayList<String>();
      for (var future : futures) {
        ids.add(future.get());
      }
      return ids;
    } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
      throw new AssertionError("creating members in " + slug, e);
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Every page of an admin list, from {@code path} on through each answer's {@code Link: <...>;
   * rel="next"}, each page asserted 200; at most {@code maxPages}.
   */
  public static List<HttpResponse<String>> pages(
      FoyerServer server, String token, String path, int maxPages) {
    var browser = server.browser().json().bearer(token);
    var pages = new ArrayList<HttpResponse<String>>();
    var next = java.util.Optional.of(path);
    while (next.isPresent()) {
      assertThat(pages.size()).as("pages of " + path).isLessThan(maxPages);
      var page = browser.get(next.get());
      assertThat(page.statusCode()).as(describe(page)).isEqualTo(200);
      pages.add(page);
      next = nextLink(page);
    }
    return pages;
  }

  /** The target of the answer's {@code Link: <...>; rel="next"}, if it has one. */
  public static java.util.Optional<String> nextLink(HttpResponse<String> response) {
    for (var header : response.headers().allValues("Link")) {
      var link =
          java.util.regex.Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?").matcher(header);
      if (link.find()) {
        return java.util.Optional.of(link.group(1));
      }
    }
    return java.util.Optional.empty();
  }

  /** A new event of the space with a generated id, admitting the default levels; returns the id. */
  public static String createEvent(FoyerServer server, String slug) {
    var response =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/events",
            "{\"title\":\"Chat\"}");
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(201);
    return Json.parse(response).path("id").asText();
  }

  /** Signs a member in through URI Auth and returns their id, as reconciliation finds it. */
  public static String signInMember(
      FoyerServer server, String slug, String uid, String... eventId) {
    var link = uriAuth(slug, uid) + (eventId.length == 0 ? "" : "&eventid=" + eventId[0]);
    var signIn = server.browser().get(link);
    assertThat(signIn.statusCode()).as(describe(signIn)).isEqualTo(302);
    var found =
        send(
            server,
            server.adminToken(),
            "GET",
            "/api/admin/spaces/" + slug + "/members?uid=" + uid,
            null);
    assertThat(found.statusCode()).as(describe(found)).isEqualTo(200);
    return Json.parse(found).path(0).path("id").asText();
  }

  /** An unsigned URI Auth link for Sue Doe with {@code uid}. */
  public static String uriAuth(String slug, String uid) {
    return "/auth/uri?account=" + slug + "&givenName=Sue&familyName=Doe&uid=" + uid;
  }

  public static String memberPath(String slug, String member) {
    return "/api/admin/spaces/" + slug + "/members/" + member;
  }

  /** The member reconciliation finds by {@code uid} has exactly these names. */
  public static void assertMemberNamed(
      FoyerServer server, String slug, String uid, String givenName, String familyName) {
    var found =
        send(
            server,
            server.adminToken(),
            "GET",
            "/api/admin/spaces/" + slug + "/members?uid=" + uid,
            null);
    var member = Json.parse(found).path(0);
    assertThat(member.path("givenName").asText()).as(describe(found)).isEqualTo(givenName);
    assertThat(member.path("nickname").asText()).as(describe(found)).isEqualTo(givenName);
    assertThat(member.path("familyName").asText()).as(describe(found)).isEqualTo(familyName);
  }

  /** The element of a JSON array whose {@code field} is {@code value}; fails when there is none. */
  public static JsonNode find(JsonNode array, String field, String value) {
    return StreamSupport.stream(array.spliterator(), false)
        .filter(node -> node.path(field).asText().equals(value))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No " + field + "=" + value + " in " + array));
  }

  public static List<String> slugs(JsonNode spaces) {
    return StreamSupport.stream(spaces.spliterator(), false)
        .map(space -> space.path("slug").asText())
        .toList();
  }

  public static List<String> ids(JsonNode events) {
    return StreamSupport.stream(events.spliterator(), false)
        .map(event -> event.path("id").asText())
        .toList();
  }

  public static List<String> strings(JsonNode array) {
    var values = new ArrayList<String>();
    array.forEach(node -> values.add(node.asText()));
    return values;
  }
}
