package dev.foyer.it.admin;

import static dev.foyer.it.support.AdminApi.assertMemberNamed;
import static dev.foyer.it.support.AdminApi.createEvent;
import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.memberPath;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.AdminApi.signInMember;
import static dev.foyer.it.support.AdminApi.strings;
import static dev.foyer.it.support.AdminApi.uriAuth;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Names.slug;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static dev.foyer.it.support.SignedLinks.link;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code /api/admin/spaces/{slug}/members}: reconciliation by uid, the names members arrive with,
 * and what a status change does to their next URI Auth sign-in.
 */
@ExtendWith(FoyerServer.class)
class MembersApiIT {
  private static String admin;

  @BeforeAll
  static void mintToken(FoyerServer server) {
    admin = server.adminToken();
  }

  @Test
  void findsAMemberByUidWithTheEventsTheyJoined(FoyerServer server) {
    var slug = createSpace(server);
    var event = createEvent(server, slug);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid, event);

    var found =
        send(server, admin, "GET", "/api/admin/spaces/" + slug + "/members?uid=" + uid, null);
    var nobody =
        send(
            server,
            admin,
            "GET",
            "/api/admin/spaces/" + slug + "/members?uid=nobody-" + hex(4),
            null);

    assertThat(found.statusCode()).as(describe(found)).isEqualTo(200);
    var view = Json.parse(found).path(0);
    assertThat(Json.parse(found)).hasSize(1);
    assertThat(view.path("id").asText()).isEqualTo(member);
    assertThat(view.path("givenName").asText()).isEqualTo("Sue");
    assertThat(view.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(view.path("identities").path(0).path("provider").asText()).isEqualTo("uri-auth");
    assertThat(view.path("identities").path(0).path("externalId").asText()).isEqualTo(uid);
    assertThat(view.path("events").path(0).path("eventId").asText()).isEqualTo(event);
    assertThat(view.path("events").path(0).path("joinedAt").asText()).isNotBlank();
    assertThat(nobody.statusCode()).as(describe(nobody)).isEqualTo(200);
    assertThat(Json.parse(nobody)).isEmpty();
  }

  // Browsers and the README's snippets percent-encode UTF-8: "Ö" arrives as %C3%96.
  @Test
  void keepsANonAsciiNameFromALink(FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);

    var link =
        server
            .browser()
            .get(
                "/auth/uri?account="
                    + slug
                    + "&givenName=Zo%C3%AB&familyName=%C3%96l%C3%A7er&uid="
                    + uid);

    assertThat(link.statusCode()).as(describe(link)).isEqualTo(302);
    assertMemberNamed(server, slug, uid, "Zoë", "Ölçer");
  }

  @Test
  void keepsANonAsciiNameFromAForm(FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);

    var form =
        server
            .browser()
            .postForm(
                "/auth/uri",
                "account",
                slug,
                "givenName",
                "Zoë",
                "familyName",
                "Ölçer",
                "uid",
                uid);

    assertThat(form.statusCode()).as(describe(form)).isEqualTo(302);
    assertMemberNamed(server, slug, uid, "Zoë", "Ölçer");
  }

  @Test
  void refusesAnUnknownMemberWithAdm6(FoyerServer server) {
    var slug = createSpace(server);
    var path = "/api/admin/spaces/" + slug + "/members/00000000-0000-0000-0000-" + hex(6);

    assertProblem(send(server, admin, "GET", path, null), 404, "ADM6");
    assertProblem(
        send(server, admin, "PUT", path + "/status", "{\"status\":\"DEACTIVATED\"}"), 404, "ADM6");
  }

  @Test
  void refusesAnotherSpacesMemberWithAdm6(FoyerServer server) {
    var member = signInMember(server, createSpace(server), "crm-" + hex(4));
    var path = "/api/admin/spaces/" + createSpace(server) + "/members/" + member;

    assertProblem(send(server, admin, "GET", path, null), 404, "ADM6");
    assertProblem(
        send(server, admin, "PUT", path + "/status", "{\"status\":\"DEACTIVATED\"}"), 404, "ADM6");
  }

  @Test
  void refusesADeactivatedMembersNextSignInWithMbr1(FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid);

    var changed =
        send(
            server,
            admin,
            "PUT",
            memberPath(slug, member) + "/status",
            "{\"status\":\"DEACTIVATED\"}");
    var signIn = server.browser().json().get(uriAuth(slug, uid));

    assertThat(changed.statusCode()).as(describe(changed)).isEqualTo(200);
    assertThat(Json.parse(changed).path("status").asText()).isEqualTo("DEACTIVATED");
    assertProblem(signIn, 403, "MBR1");
    assertThat(signIn.headers().allValues("Set-Cookie"))
        .noneMatch(
            cookie -> cookie.startsWith("foyer_" + slug + "=") && !cookie.contains("Max-Age=0"));
    assertThat(
            Json.parse(send(server, admin, "GET", memberPath(slug, member), null))
                .path("status")
                .asText())
        .isEqualTo("DEACTIVATED");
  }

  @Test
  void refusesARejectedMembersNextSignInWithMbr2(FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid);

    send(server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"REJECTED\"}");
    var signIn = server.browser().json().get(uriAuth(slug, uid));

    assertProblem(signIn, 403, "MBR2");
    assertThat(
            Json.parse(send(server, admin, "GET", memberPath(slug, member), null))
                .path("status")
                .asText())
        .isEqualTo("REJECTED");
  }

  @Test
  void letsAReactivatedMemberSignInAgain(FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid);
    send(
        server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"DEACTIVATED\"}");

    send(server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"ACTIVE\"}");
    var signIn = server.browser().get(uriAuth(slug, uid));

    assertThat(signIn.statusCode()).as(describe(signIn)).isEqualTo(302);
  }

  @ParameterizedTest
  @ValueSource(strings = {"INVITED", "PENDING", "LEFT"})
  void makesAMemberActiveWhenTheySignIn(String status, FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid);

    var changed =
        send(
            server,
            admin,
            "PUT",
            memberPath(slug, member) + "/status",
            "{\"status\":\"" + status + "\"}");
    var before = Json.parse(send(server, admin, "GET", memberPath(slug, member), null));
    var signIn = server.browser().get(uriAuth(slug, uid));
    var after = Json.parse(send(server, admin, "GET", memberPath(slug, member), null));

    assertThat(Json.parse(changed).path("status").asText()).isEqualTo(status);
    assertThat(before.path("status").asText()).isEqualTo(status);
    assertThat(signIn.statusCode()).as(describe(signIn)).isEqualTo(302);
    assertThat(after.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(after.path("id").asText()).isEqualTo(member);
  }

  @Test
  void refusesAStatusChangeWithoutStatusWithAdm1(FoyerServer server) {
    var slug = createSpace(server);
    var member = signInMember(server, slug, "crm-" + hex(4));

    assertProblem(
        send(server, admin, "PUT", memberPath(slug, member) + "/status", "{}"), 400, "ADM1");
  }

  @Test
  void refusesAMemberLookupWithoutUidWithAdm1(FoyerServer server) {
    var slug = createSpace(server);

    assertProblem(
        send(server, admin, "GET", "/api/admin/spaces/" + slug + "/members", null), 400, "ADM1");
  }
}
