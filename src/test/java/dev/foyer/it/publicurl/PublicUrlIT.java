package dev.foyer.it.publicurl;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.uriAuth;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Names.slug;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.SsoSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code foyer.public-url} (README "Configuration"): with it, every absolute URL Foyer builds and
 * its idea of its own origin come from it, whatever {@code Host} a request carries; without it,
 * from the request's {@code Host}, as before. The shared server runs without the setting, a second
 * one with {@code foyer.public-url=https://foyer.example.com/}. Requests with a forged {@code Host}
 * are written by hand: Java's HTTP client does not let a caller set {@code Host}.
 */
// Foyer's addresses do not depend on the database.
@EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
@ExtendWith(FoyerServer.class)
class PublicUrlIT {
  static final String PUBLIC = "https://foyer.example.com";
  static final String FORGED_HOST = "evil.example";
  static final String FORGED_ORIGIN = "http://evil.example";

  private static FoyerServer.Extra extra;
  private static FoyerServer withUrl;

  @BeforeAll
  static void startServerWithPublicUrl(FoyerServer server) {
    extra = server.startExtra("public-url", Map.of("foyer.public-url", PUBLIC + "/"));
    withUrl = extra.server();
  }

  @AfterAll
  static void stop() {
    if (extra != null) {
      extra.close();
    }
  }

  // --- Without foyer.public-url: the request's Host, as before --------------------------------

  @Test
  void withoutPublicUrlARedirectFollowsTheHostHeader(FoyerServer server) {
    var slug = createSpace(server);

    var response = Raw.get(server, FORGED_HOST, uriAuth(slug, "crm-" + hex(4)));

    assertThat(response.status()).as(response.toString()).isEqualTo(302);
    var location = URI.create(response.header("Location").orElseThrow());
    assertThat(location.getHost()).isEqualTo(FORGED_HOST);
    assertThat(location.getPath()).isEqualTo("/spaces/" + slug);
  }

  @Test
  void withoutPublicUrlTheHostsOriginCountsAsFoyersOwn(FoyerServer server) {
    var slug = createSpace(server);

    var response =
        Raw.send(
            server,
            FORGED_HOST,
            "POST",
            "/auth/logout",
            List.of("Origin: " + FORGED_ORIGIN, "Content-Type: application/x-www-form-urlencoded"),
            "account=" + slug);

    assertThat(response.status()).as(response.toString()).isEqualTo(204);
  }

  // --- With foyer.public-url ----------------------------------------------------------------

  @Test
  void uriAuthRedirectsToThePublicUrlWhateverTheHost() {
    var slug = createSpace(withUrl);

    var forged = Raw.get(withUrl, FORGED_HOST, uriAuth(slug, "crm-" + hex(4)));
    var honest = withUrl.browser().get(uriAuth(slug, "crm-" + hex(4)));

    assertThat(forged.status()).as(forged.toString()).isEqualTo(302);
    assertThat(forged.header("Location")).hasValue(PUBLIC + "/spaces/" + slug);
    assertThat(honest.statusCode()).as(honest.body()).isEqualTo(302);
    assertThat(honest.headers().firstValue("Location")).hasValue(PUBLIC + "/spaces/" + slug);
  }

  @Test
  void ssoLoginSendsARedirectUrlOnThePublicUrl() {
    var space = SsoSpace.create(withUrl);

    var response = Raw.get(withUrl, FORGED_HOST, "/spot/" + space.id + "/sso/login");

    assertThat(response.status()).as(response.toString()).isEqualTo(302);
    var authorization = URI.create(response.header("Location").orElseThrow());
    assertThat(authorization.getHost()).isEqualTo("app.example.test");
    assertThat(queryParameter(authorization, "redirectUrl"))
        .isEqualTo(PUBLIC + "/spot/" + space.id + "/sso/jwt");
  }

  @Test
  void jwtSsoAndSpotAddressesRedirectToThePublicUrl() {
    var space = SsoSpace.create(withUrl);
    var token = space.token(SsoSpace.claims(SsoSpace.newSub()));

    var signIn =
        Raw.get(withUrl, FORGED_HOST, space.jwtPath() + "?ms_token=" + SsoSpace.encode(token));
    var home = Raw.get(withUrl, FORGED_HOST, "/spot/" + space.id);
    var page = Raw.get(withUrl, FORGED_HOST, "/spot/" + space.id + "/lives");

    assertThat(signIn.status()).as(signIn.toString()).isEqualTo(302);
    assertThat(signIn.header("Location")).hasValue(PUBLIC + "/spaces/" + space.slug);
    assertThat(home.header("Location"))
        .as(home.toString())
        .hasValue(PUBLIC + "/spaces/" + space.slug);
    assertThat(page.header("Location"))
        .as(page.toString())
        .hasValue(PUBLIC + "/spaces/" + space.slug + "/lives");
  }

  @Test
  void aCreatedResourceIsLocatedOnThePublicUrl() {
    var slug = slug();

    var response =
        Raw.send(
            withUrl,
            FORGED_HOST,
            "POST",
            "/api/admin/spaces",
            List.of(
                "Authorization: Bearer " + withUrl.adminToken(),
                "Content-Type: application/json",
                "Accept: application/json"),
            Json.write(Map.of("slug", slug, "name", "Public")));

    assertThat(response.status()).as(response.toString()).isEqualTo(201);
    assertThat(response.header("Location")).hasValue(PUBLIC + "/api/admin/spaces/" + slug);
  }

  @Test
  void signingOutSendsTheBrowserToThePublicUrl() {
    var slug = createSpace(withUrl);
    var browser = withUrl.browser();
    var signIn = browser.get(uriAuth(slug, "crm-" + hex(4)));
    assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(302);
    var cookie = browser.cookie("foyer_" + slug).orElseThrow();

    var response =
        Raw.send(
            withUrl,
            FORGED_HOST,
            "POST",
            "/auth/logout",
            List.of(
                "Cookie: " + cookie.getName() + "=" + cookie.getValue(),
                "Accept: text/html",
                "Content-Type: application/x-www-form-urlencoded"),
            "account=" + slug);

    assertThat(response.status()).as(response.toString()).isEqualTo(303);
    assertThat(response.header("Location")).hasValue(PUBLIC + "/spaces/" + slug);
  }

  @Test
  void theForgedHostsOriginIsForeignAndThePublicOriginIsFoyersOwn() {
    var slug = createSpace(withUrl);
    var form =
        List.of("Content-Type: application/x-www-form-urlencoded", "Accept: application/json");

    var fromForged =
        Raw.send(
            withUrl,
            FORGED_HOST,
            "POST",
            "/auth/logout",
            with(form, "Origin: " + FORGED_ORIGIN),
            "account=" + slug);
    var fromPublic =
        Raw.send(
            withUrl,
            FORGED_HOST,
            "POST",
            "/auth/logout",
            with(form, "Origin: " + PUBLIC),
            "account=" + slug);

    assertThat(fromForged.status()).as(fromForged.toString()).isEqualTo(403);
    assertThat(Json.parse(fromForged.body()).path("code").asText()).isEqualTo("SES3");
    assertThat(fromPublic.status()).as(fromPublic.toString()).isEqualTo(204);
  }

  @Test
  void theEmbedTakesThePublicOriginNotTheHostsForItsOwn() {
    var space = SsoSpace.create(withUrl);
    var embed = "/spot/" + space.id + "/embed?authToken=";

    var fromForged =
        Raw.send(
            withUrl,
            FORGED_HOST,
            "GET",
            embed + space.token(SsoSpace.claims(SsoSpace.newSub())),
            List.of("Referer: " + FORGED_ORIGIN + "/page", "Accept: application/json"),
            null);
    var fromPublic =
        Raw.send(
            withUrl,
            FORGED_HOST,
            "GET",
            embed + space.token(SsoSpace.claims(SsoSpace.newSub())),
            List.of("Referer: " + PUBLIC + "/spaces/" + space.slug),
            null);

    assertThat(fromForged.status()).as(fromForged.toString()).isEqualTo(403);
    assertThat(Json.parse(fromForged.body()).path("code").asText()).isEqualTo("JWT18");
    assertThat(fromPublic.status()).as(fromPublic.toString()).isEqualTo(302);
    assertThat(fromPublic.header("Location")).hasValue(PUBLIC + "/spaces/" + space.slug);
  }

  private static List<String> with(List<String> headers, String header) {
    var all = new ArrayList<>(headers);
    all.add(header);
    return all;
  }

  private static String queryParameter(URI uri, String name) {
    for (var pair : uri.getRawQuery().split("&")) {
      var equals = pair.indexOf('=');
      if (equals > 0
          && URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
        return URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("No " + name + " in " + uri);
  }

  /**
   * One HTTP/1.0 exchange over a socket, with any {@code Host}: the server closes the connection
   * after the answer and sends its body unchunked.
   */
  record Raw(int status, List<String> headers, String body) {
    static Raw get(FoyerServer server, String host, String path) {
      return send(server, host, "GET", path, List.of("Accept: application/json"), null);
    }

    static Raw send(
        FoyerServer server,
        String host,
        String method,
        String path,
        List<String> headers,
        String body) {
      var bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      var request = new StringBuilder(method + " " + path + " HTTP/1.0\r\nHost: " + host + "\r\n");
      headers.forEach(header -> request.append(header).append("\r\n"));
      if (body != null) {
        request.append("Content-Length: ").append(bytes.length).append("\r\n");
      }
      request.append("\r\n");
      var base = server.baseUri();
      try (var socket = new Socket()) {
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 10_000);
        socket.setSoTimeout(60_000);
        var out = socket.getOutputStream();
        out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
        var answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        var end = answer.indexOf("\r\n\r\n");
        var head = (end < 0 ? answer : answer.substring(0, end)).split("\r\n");
        return new Raw(
            Integer.parseInt(head[0].split(" ")[1]),
            List.of(head).subList(1, head.length),
            end < 0 ? "" : answer.substring(end + 4));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Optional<String> header(String name) {
      var prefix = name.toLowerCase(Locale.ROOT) + ":";
      return headers.stream()
          .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
          .map(line -> line.substring(prefix.length()).strip())
          .findFirst();
    }

    @Override
    public String toString() {
      return status + " " + headers + " " + (body.length() > 400 ? body.substring(0, 400) : body);
    }
  }
}
