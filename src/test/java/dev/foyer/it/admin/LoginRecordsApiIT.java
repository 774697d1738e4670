package dev.foyer.it.admin;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.memberPath;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.AdminApi.signInMember;
import static dev.foyer.it.support.AdminApi.uriAuth;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Names.slug;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /api/admin/spaces/{slug}/login-records}: sign-in attempts, newest first. */
@ExtendWith(FoyerServer.class)
class LoginRecordsApiIT {
  private static String admin;

  @BeforeAll
  static void mintToken(FoyerServer server) {
    admin = server.adminToken();
  }

  @Test
  void listsLoginRecordsNewestFirst(FoyerServer server) {
    var slug = createSpace(server);
    var uid = "crm-" + hex(4);
    var member = signInMember(server, slug, uid);
    send(
        server, admin, "PUT", memberPath(slug, member) + "/status", "{\"status\":\"DEACTIVATED\"}");
    server.browser().json().get(uriAuth(slug, uid));

    var all = send(server, admin, "GET", "/api/admin/spaces/" + slug + "/login-records", null);
    var newest =
        send(server, admin, "GET", "/api/admin/spaces/" + slug + "/login-records?limit=1", null);

    assertThat(all.statusCode()).as(describe(all)).isEqualTo(200);
    var records = Json.parse(all);
    assertThat(records).hasSize(2);
    assertThat(records.path(0).path("accepted").asBoolean(true)).isFalse();
    assertThat(records.path(0).path("code").asText()).isEqualTo("MBR1");
    assertThat(records.path(1).path("accepted").asBoolean()).isTrue();
    assertThat(records.path(1).path("memberId").asText()).isEqualTo(member);
    assertThat(Json.parse(newest)).hasSize(1);
    assertThat(Json.parse(newest).path(0).path("id")).isEqualTo(records.path(0).path("id"));
  }
}
