package dev.foyer.it.names;

import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.AdminApi;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.Names;
import dev.foyer.it.support.SsoSpace;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Names and ids as they reach Foyer from every door and the admin API: stored in NFC, refused when
 * nothing visible is left, never trimmed when they are ids, and never guessed at when their
 * percent-encoding or UTF-8 is broken. Broken encodings are sent over a raw socket: an HTTP client
 * would refuse to send them or repair them first.
 */
@ExtendWith(FoyerServer.class)
class NamesIT {
  private static final String DECOMPOSED_ZOE = "Zoe\u0308";
  private static final String ZOE = "Zo\u00eb";

  @Test
  void storesNamesInNfcFromEveryDoorAndTheAdminApi(FoyerServer server) {
    var slug = AdminApi.createSpace(server);
    var uid = Names.uid();
    var signIn =
        server
            .browser()
            .get(
                "/auth/uri?account="
                    + slug
                    + "&givenName="
                    + encode(DECOMPOSED_ZOE)
                    + "&familyName="
                    + encode("\u00A0Mu\u0308ller\u200B")
                    + "&uid="
                    + uid);
    assertThat(signIn.statusCode()).as(describe(signIn)).isEqualTo(302);
    AdminApi.assertMemberNamed(server, slug, uid, ZOE, "M\u00fcller");

    var sso = SsoSpace.create(server);
    var sub = SsoSpace.newSub();
    var claims = SsoSpace.claims(sub);
    claims.put("firstName", DECOMPOSED_ZOE);
    claims.put("lastName", "Mu\u0308ller");
    claims.put("title", "Ge\u0301rante");
    sso.signInOk(claims);
    var member = sso.member(sub).orElseThrow();
    assertThat(member.path("givenName").asText()).isEqualTo(ZOE);
    assertThat(member.path("nickname").asText()).isEqualTo(ZOE + " M\u00fcller");
    assertThat(member.path("title").asText()).isEqualTo("G\u00e9rante");

    var admin = sso.admin();
    var space = sso.patch(Json.object().put("name", " Cafe\u0301 " + DECOMPOSED_ZOE + "\uFEFF"));
    assertThat(space.path("name").asText()).isEqualTo("Caf\u00e9 " + ZOE);
    var event =
        admin.postJson(
            "/api/admin/spaces/" + sso.slug + "/events",
            Json.write(Json.object().put("title", DECOMPOSED_ZOE + "'s chat")));
    assertThat(event.statusCode()).as(describe(event)).isEqualTo(201);
    assertThat(Json.parse(event).path("title").asText()).isEqualTo(ZOE + "'s chat");
    var group =
        admin.postJson(
            "/api/admin/spaces/" + sso.slug + "/groups",
            Json.write(Json.object().put("name", DECOMPOSED_ZOE)));
    assertThat(group.statusCode()).as(describe(group)).isEqualTo(201);
    assertThat(Json.parse(group).path("name").asText()).isEqualTo(ZOE);
    var created =
        sso.createMember(
            Json.object()
                .put("givenName", DECOMPOSED_ZOE)
                .put("familyName", "Mu\u0308ller")
                .put("email", "zoe." + Names.hex(4) + "@example.test"));
    assertThat(created.path("givenName").asText()).isEqualTo(ZOE);
    assertThat(created.path("familyName").asText()).isEqualTo("M\u00fcller");
  }

  @Test
  void refusesNamesMadeOnlyOfInvisibleCharactersEverywhere(FoyerServer server) {
    var slug = AdminApi.createSpace(server);
    var invisible = List.of("\u200B", "\u00A0", "\uFEFF", "\u2060\u200D", "\u3164");
    var uids = new ArrayList<String>();
    for (var name : invisible) {
      var uid = Names.uid();
      uids.add(uid);
      var given =
          server
              .browser()
              .json()
              .get("/auth/uri?account=" + slug + "&givenName=" + encode(name) + "&uid=" + uid);
      assertProblem(given, 400, "NAME1");
      var family =
          server
              .browser()
              .json()
              .postForm(
                  "/auth/uri",
                  Map.of("account", slug, "givenName", "Sue", "familyName", name, "uid", uid));
      assertProblem(family, 400, "NAME1");
      var programmatic =
          server
              .browser()
              .postJson(
                  "/auth/programmatic",
                  Json.write(
                      Json.object().put("account", slug).put("givenName", name).put("uid", uid)));
      assertProblem(programmatic, 400, "NAME1");
    }
    dev.foyer.it.support.Refusals.assertNoMember(server, slug, uids);
    assertThat(refusalCodes(server, slug).subList(0, 3 * invisible.size())).containsOnly("NAME1");

    var sso = SsoSpace.create(server);
    for (var claim : List.of("firstName", "lastName", "title")) {
      var sub = SsoSpace.newSub();
      var claims = SsoSpace.claims(sub);
      claims.put(claim, "\u200B\u00A0\uFEFF");
      var browser = server.browser().json();
      sso.assertRefused(browser, sso.signIn(browser, sso.token(claims)), 400, "NAME1", sub);
    }

    var admin = sso.admin();
    for (var name : invisible) {
      assertProblem(
          admin.postJson(
              "/api/admin/spaces",
              Json.write(Json.object().put("slug", Names.slug()).put("name", name))),
          400,
          "ADM1");
      assertProblem(
          admin.postJson(
              "/api/admin/spaces/" + sso.slug + "/events",
              Json.write(Json.object().put("title", name))),
          400,
          "ADM1");
      assertProblem(
          admin.postJson(
              "/api/admin/spaces/" + sso.slug + "/groups",
              Json.write(Json.object().put("name", name))),
          400,
          "ADM1");
      assertProblem(
          admin.postJson(
              "/api/admin/spaces/" + sso.slug + "/members",
              Json.write(
                  Json.object()
                      .put("givenName", name)
                      .put("email", "inv." + Names.hex(4) + "@example.test"))),
          400,
          "ADM1");
      var rename =
          admin.send(
              admin
                  .request("/api/admin/spaces/" + sso.slug, "Content-Type", "application/json")
                  .method(
                      "PATCH",
                      BodyPublishers.ofString(Json.write(Json.object().put("name", name)))));
      assertProblem(rename, 400, "ADM1");
    }
    assertThat(sso.patch(Json.object()).path("name").asText()).isEqualTo("Space " + sso.slug);
  }

  @Test
  void keepsExternalIdsExactlyAndRefusesOnesWithSpacesAtTheEnds(FoyerServer server) {
    var slug = AdminApi.createSpace(server);
    var uid = Names.uid();
    for (var spaced :
        List.of(uid + " ", " " + uid, uid + "\u00A0", "\uFEFF" + uid, uid + "\u200B")) {
      var response =
          server
              .browser()
              .json()
              .get("/auth/uri?account=" + slug + "&givenName=Sue&uid=" + encode(spaced));
      assertProblem(response, 400, "XID1");
    }
    dev.foyer.it.support.Refusals.assertNoMember(server, slug, List.of(uid));

    var exact = "Zoe\u0308 " + uid;
    var signIn =
        server.browser().get("/auth/uri?account=" + slug + "&givenName=Sue&uid=" + encode(exact));
    assertThat(signIn.statusCode()).as(describe(signIn)).isEqualTo(302);
    assertThat(AdminApi.reconcile(server, slug, exact)).hasSize(1);
    assertThat(AdminApi.reconcile(server, slug, "Zo\u00eb " + uid)).isEmpty();

    var sso = SsoSpace.create(server);
    var sub = SsoSpace.newSub();
    for (var spaced : List.of(sub + " ", "\u00A0" + sub, sub + "\uFEFF")) {
      var browser = server.browser().json();
      sso.assertRefused(
          browser, sso.signIn(browser, sso.token(SsoSpace.claims(spaced))), 400, "XID1", sub);
    }
  }

  @Test
  void refusesMalformedPercentEncodingAndInvalidUtf8With400(FoyerServer server) throws Exception {
    var slug = AdminApi.createSpace(server);
    var uid = Names.uid();
    var broken =
        List.of(
            "Sue%zz", // not an escape
            "Sue%4", // cut short
            "%", // alone
            "Zo%EB", // ISO-8859-1, not UTF-8
            "%C3", // a lone lead byte
            "%FF%FE", // never UTF-8
            "%ED%A0%80", // a UTF-16 surrogate encoded as UTF-8
            "%C0%AF"); // an overlong '/'
    for (var name : broken) {
      var query = "account=" + slug + "&givenName=" + name + "&uid=" + uid;
      var get = raw(server, "GET /auth/uri?" + query + " HTTP/1.1", null);
      assertThat(get.status()).as("GET " + name + ": " + get).isEqualTo(400);
      assertThat(get.code()).as("GET " + name + ": " + get).isEqualTo("ENC1");
      var post = raw(server, "POST /auth/uri HTTP/1.1", query.getBytes(StandardCharsets.US_ASCII));
      assertThat(post.status()).as("POST " + name + ": " + post).isEqualTo(400);
      assertThat(post.code()).as("POST " + name + ": " + post).isEqualTo("ENC1");
    }
    // Raw bytes that are not UTF-8 in a form body, and a raw byte in a query string.
    var latin1 =
        ("account=" + slug + "&givenName=Zo\u00eb&uid=" + uid)
            .getBytes(StandardCharsets.ISO_8859_1);
    assertThat(raw(server, "POST /auth/uri HTTP/1.1", latin1).code()).isEqualTo("ENC1");
    var rawQuery =
        raw(
            server,
            "GET /auth/uri?account=" + slug + "&givenName=Zo\u00eb&uid=" + uid + " HTTP/1.1",
            null);
    assertThat(rawQuery.status()).as(rawQuery.toString()).isEqualTo(400);
    assertThat(rawQuery.code()).as(rawQuery.toString()).isEqualTo("ENC1");
    dev.foyer.it.support.Refusals.assertNoMember(server, slug, List.of(uid));
    assertThat(refusalCodes(server, slug)).contains("ENC1").doesNotContain("UAGN1");

    var sso = SsoSpace.create(server);
    var jwt = raw(server, "GET " + sso.jwtPath() + "?ms_token=%zz HTTP/1.1", null);
    assertThat(jwt.status()).as(jwt.toString()).isEqualTo(400);
    assertThat(jwt.code()).as(jwt.toString()).isEqualTo("ENC1");
    assertThat(sso.refusalCodes()).containsExactly("ENC1");
    var password =
        raw(
            server,
            "POST /auth/password HTTP/1.1",
            ("account=" + slug + "&email=a%40example.test&password=%FF")
                .getBytes(StandardCharsets.US_ASCII));
    assertThat(password.code()).as(password.toString()).isEqualTo("ENC1");
  }

  @Test
  void acceptsValidUtf8SentRawOrEncoded(FoyerServer server) throws Exception {
    var slug = AdminApi.createSpace(server);
    var uid = Names.uid();
    var body =
        ("account=" + slug + "&givenName=Zo\u00eb&familyName=Mary+Ann%20Li&uid=" + uid)
            .getBytes(StandardCharsets.UTF_8);
    var response = raw(server, "POST /auth/uri HTTP/1.1", body);
    assertThat(response.status()).as(response.toString()).isEqualTo(302);
    AdminApi.assertMemberNamed(server, slug, uid, ZOE, "Mary Ann Li");
  }

  private static List<String> refusalCodes(FoyerServer server, String slug) {
    var response =
        server
            .browser()
            .json()
            .bearer(server.adminToken())
            .get("/api/admin/spaces/" + slug + "/login-records");
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    var codes = new ArrayList<String>();
    for (JsonNode record : Json.parse(response)) {
      if (!record.path("accepted").asBoolean()) {
        codes.add(record.path("code").asText());
      }
    }
    return codes;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** An answer read off the socket: the status and the problem's code, if any. */
  private record RawResponse(int status, String head, String body) {
    String code() {
      try {
        return Json.parse(body).path("code").asText();
      } catch (RuntimeException e) {
        return "(no problem+json: " + body + ")";
      }
    }

    @Override
    public String toString() {
      return head + "\n\n" + body;
    }
  }

  /**
   * One HTTP/1.1 request written byte for byte: {@code requestLine} as given, a form body when
   * {@code body} is not null.
   */
  private static RawResponse raw(FoyerServer server, String requestLine, byte[] body)
      throws IOException {
    var base = server.baseUri();
    try (var socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(30_000);
      var request = new ByteArrayOutputStream();
      request.write(requestLine.getBytes(StandardCharsets.ISO_8859_1));
      request.write(
          ("\r\nHost: "
                  + base.getHost()
                  + ":"
                  + base.getPort()
                  + "\r\nAccept: application/json\r\nConnection: close\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        request.write(
            ("Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                    + body.length
                    + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
      }
      request.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      if (body != null) {
        request.write(body);
      }
      socket.getOutputStream().write(request.toByteArray());
      socket.getOutputStream().flush();
      var answer = socket.getInputStream().readAllBytes();
      int split = indexOf(answer, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
      var head =
          new String(answer, 0, split < 0 ? answer.length : split, StandardCharsets.ISO_8859_1);
      var rest =
          split < 0 ? new byte[0] : java.util.Arrays.copyOfRange(answer, split + 4, answer.length);
      var status = Integer.parseInt(head.split(" ", 3)[1]);
      if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
        rest = unchunked(rest);
      }
      return new RawResponse(status, head, new String(rest, StandardCharsets.UTF_8));
    }
  }

  private static byte[] unchunked(byte[] chunked) {
    var out = new ByteArrayOutputStream();
    var crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
    int at = 0;
    while (at < chunked.length) {
      int lineEnd = indexOf(chunked, crlf, at);
      if (lineEnd < 0) {
        break;
      }
      var sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.US_ASCII);
      int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
      if (size == 0) {
        break;
      }
      out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
      at = lineEnd + 2 + size + 2;
    }
    return out.toByteArray();
  }

  private static int indexOf(byte[] bytes, byte[] part, int from) {
    outer:
    for (int i = from; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
