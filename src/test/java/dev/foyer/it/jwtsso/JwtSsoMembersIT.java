package dev.foyer.it.jwtsso;

import static dev.foyer.it.support.SsoSpace.claims;
import static dev.foyer.it.support.SsoSpace.newSub;
import static dev.foyer.it.support.SsoSpace.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.Names;
import dev.foyer.it.support.SsoSpace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Who a JWT SSO sign-in is in the space (README "Members through JWT SSO"): new and known members,
 * the sync policy, password members (their password sign-in is in PasswordIT), email changes, every
 * member status, private spaces, groups, custom properties and domains.
 */
@ExtendWith(FoyerServer.class)
class JwtSsoMembersIT {
  static final String PASSWORD = "correct horse battery staple";

  @Test
  void signsInKnownSubWithoutUpdatingTheirInformation(FoyerServer server) {
    var space = SsoSpace.create(server);
    var sub = newSub();
    var first = claims(sub);
    first.put("title", "Engineer");
    first.put("avatarUrl", "https://cdn.example.test/old.png");
    first.put("lang", "de");
    first.put("timezone", "Europe/Berlin");
    var memberId = space.signInOk(first);
    var second = changedProfile(sub);

    var again = space.signInOk(second);

    assertThat(again).isEqualTo(memberId);
    var member = space.member(sub).orElseThrow();
    assertThat(text(member, "givenName")).isEqualTo("Ada");
    assertThat(text(member, "familyName")).isEqualTo("Lovelace");
    assertThat(text(member, "nickname")).isEqualTo("Ada Lovelace");
    assertThat(text(member, "email")).isEqualTo(first.get("email"));
    assertThat(text(member, "title")).isEqualTo("Engineer");
    assertThat(text(member, "avatarUrl")).isEqualTo("https://cdn.example.test/old.png");
    assertThat(text(member, "language")).isEqualTo("de");
    assertThat(text(member, "timeZone")).isEqualTo("Europe/Berlin");
    assertThat(member.path("identities")).hasSize(1);
  }

  @Test
  void updatesOnlyTheFieldsTheSpaceSyncsOnEveryLogin(FoyerServer server) {
    var sync = Json.object();
    sync.putArray("syncOnEveryLogin").add("NAMES").add("TITLE");
    var space = SsoSpace.create(server, sync);
    var sub = newSub();
    var first = claims(sub);
    first.put("title", "Engineer");
    first.put("avatarUrl", "https://cdn.example.test/old.png");
    first.put("lang", "de");
    first.put("timezone", "Europe/Berlin");
    var memberId = space.signInOk(first);

    var again = space.signInOk(changedProfile(sub));

    assertThat(again).isEqualTo(memberId);
    var member = space.member(sub).orElseThrow();
    assertThat(text(member, "givenName")).isEqualTo("Augusta");
    assertThat(text(member, "familyName")).isEqualTo("King");
    assertThat(text(member, "nickname")).isEqualTo("Augusta King");
    assertThat(text(member, "title")).isEqualTo("Countess");
    assertThat(text(member, "email")).isEqualTo(first.get("email"));
    assertThat(text(member, "avatarUrl")).isEqualTo("https://cdn.example.test/old.png");
    assertThat(text(member, "language")).isEqualTo("de");
    assertThat(text(member, "timeZone")).isEqualTo("Europe/Berlin");
  }

  @Test
  void updatesEveryFieldTheSpaceSyncsOnEveryLogin(FoyerServer server) {
    var sync = Json.object();
    sync.putArray("syncOnEveryLogin")
        .add("NAMES")
        .add("EMAIL")
        .add("TITLE")
        .add("AVATAR")
        .add("LANGUAGE")
        .add("TIME_ZONE");
    var space = SsoSpace.create(server, sync);
    var sub = newSub();
    var first = claims(sub);
    first.put("title", "Engineer");
    first.put("avatarUrl", "https://cdn.example.test/old.png");
    var memberId = space.signInOk(first);
    var second = changedProfile(sub);

    var again = space.signInOk(second);

    assertThat(again).isEqualTo(memberId);
    var member = space.member(sub).orElseThrow();
    assertThat(text(member, "nickname")).isEqualTo("Augusta King");
    assertThat(text(member, "email")).isEqualTo(second.get("email"));
    assertThat(member.path("emailVerified").asBoolean()).isTrue();
    assertThat(text(member, "title")).isEqualTo("Countess");
    assertThat(text(member, "avatarUrl")).isEqualTo("https://cdn.example.test/new.png");
    assertThat(text(member, "language")).isEqualTo("fr");
    assertThat(text(member, "timeZone")).isEqualTo("America/New_York");
  }

  @Test
  void syncSettingIsReadBack(FoyerServer server) {
    var sync = Json.object();
    sync.putArray("syncOnEveryLogin").add("TITLE").add("NAMES");
    var space = SsoSpace.create(server, sync);

    var settings = Json.parse(space.admin().get("/api/admin/spaces/" + space.slug + "/sso"));

    var fields = new ArrayList<String>();
    settings.path("syncOnEveryLogin").forEach(field -> fields.add(field.asText()));
    assertThat(fields).containsExactlyInAnyOrder("NAMES", "TITLE");
  }

  @Test
  void attachesTokenToPasswordMemberWhoseEmailDomainDiffersOnlyInCase(FoyerServer server) {
    var space = SsoSpace.create(server);
    var local = "grace." + Names.hex(4);
    var created =
        space.createMember(
            Json.object()
                .put("givenName", "Grace")
                .put("familyName", "Hopper")
                .put("email", local + "@Example.TEST")
                .put("password", PASSWORD));
    var sub = newSub();
    var claims = claims(sub);
    claims.put("email", local + "@example.test");

    var memberId = space.signInOk(claims);

    assertThat(memberId).isEqualTo(created.path("id").asText());
  }

  @Test
  void keepsTheSameMemberWhenEmailChangesByDefault(FoyerServer server) {
    var space = SsoSpace.create(server);
    var sub = newSub();
    var first = claims(sub);
    var memberId = space.signInOk(first);
    var second = claims(sub);

    var again = space.signInOk(second);

    assertThat(again).isEqualTo(memberId);
    assertThat(text(space.member(sub).orElseThrow(), "email")).isEqualTo(first.get("email"));
  }

  @Test
  void startsNewMemberOnEmailChangeWhenTheSpaceSaysSo(FoyerServer server) {
    var space = SsoSpace.create(server, Json.object().put("newMemberOnEmailChange", true));
    var sub = newSub();
    var first = claims(sub);
    var oldId = space.signInOk(first);
    var second = claims(sub);

    var newId = space.signInOk(second);

    assertThat(newId).isNotEqualTo(oldId);
    var member = space.member(sub).orElseThrow();
    assertThat(member.path("id").asText()).isEqualTo(newId);
    assertThat(text(member, "email")).isEqualTo(second.get("email"));
    var old = space.memberById(oldId);
    assertThat(text(old, "email")).isEqualTo(first.get("email"));
    assertThat(providers(old)).doesNotContain("jwt-sso");
  }

  @ParameterizedTest
  @ValueSource(strings = {"INVITED", "PENDING", "DECLINED", "LEFT", "ACTIVE"})
  void signInMakesMemberActive(String status, FoyerServer server) {
    var space = SsoSpace.create(server);
    var sub = newSub();
    var memberId = space.signInOk(claims(sub));
    space.changeStatus(memberId, status);

    var again = space.signInOk(claims(sub));

    assertThat(again).isEqualTo(memberId);
    assertThat(space.memberById(memberId).path("status").asText()).isEqualTo("ACTIVE");
  }

  @ParameterizedTest
  @CsvSource({"DEACTIVATED, MBR1", "REJECTED, MBR2"})
  void refusesMemberTheAdministratorsShutOut(String status, String code, FoyerServer server) {
    var space = SsoSpace.create(server);
    var group = space.createGroup("Speakers");
    var sub = newSub();
    var memberId = space.signInOk(claims(sub));
    space.changeStatus(memberId, status);
    var before = space.memberById(memberId);
    var claims = claims(sub);
    claims.put("groups:join", group);
    var browser = server.browser().json();

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 403, code, null);
    var after = space.memberById(memberId);
    assertThat(after.path("status").asText()).isEqualTo(status);
    assertThat(text(after, "lastSignInAt")).isEqualTo(text(before, "lastSignInAt"));
    assertThat(after.path("groups")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"INVITED", "PENDING"})
  void memberTheAdministratorsCreatedBecomesActiveOnFirstSsoSignIn(
      String status, FoyerServer server) {
    var space = SsoSpace.create(server);
    var email = "invitee." + Names.hex(4) + "@example.test";
    var created =
        space.createMember(
            Json.object().put("givenName", "Ivy").put("email", email).put("status", status));
    assertThat(created.path("status").asText()).isEqualTo(status);
    var claims = claims(newSub());
    claims.put("email", email);

    var memberId = space.signInOk(claims);

    assertThat(memberId).isEqualTo(created.path("id").asText());
    assertThat(space.memberById(memberId).path("status").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void privateSpaceAcceptsSsoMembersAsActive(FoyerServer server) {
    var space = SsoSpace.create(server, Json.object().put("visibility", "PRIVATE"), Json.object());
    var sub = newSub();

    space.signInOk(claims(sub));

    assertThat(space.member(sub).orElseThrow().path("status").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void spaceMadePrivateLaterAcceptsSsoMembersAsActive(FoyerServer server) {
    var space = SsoSpace.create(server);
    var made = space.patch(Json.object().put("visibility", "PRIVATE"));
    assertThat(made.path("visibility").asText()).isEqualTo("PRIVATE");
    var sub = newSub();

    space.signInOk(claims(sub));

    assertThat(space.member(sub).orElseThrow().path("status").asText()).isEqualTo("ACTIVE");
  }

  @Test
  void joinsAndLeavesGroups(FoyerServer server) {
    var space = SsoSpace.create(server);
    var speakers = space.createGroup("Speakers");
    var staff = space.createGroup("Staff");
    var guests = space.createGroup("Guests");
    var sub = newSub();
    var first = claims(sub);
    first.put("groups:join", List.of(speakers, staff));
    space.signInOk(first);
    assertThat(groupNames(space.member(sub).orElseThrow())).containsExactly("Speakers", "Staff");

    var second = claims(sub);
    second.put("groups:leave", staff);
    second.put("groups:join", guests + "," + speakers);
    space.signInOk(second);

    assertThat(groupNames(space.member(sub).orElseThrow())).containsExactly("Guests", "Speakers");
  }

  @Test
  void unknownGroupRefusesNewMemberWithNothingWritten(FoyerServer server) {
    var space = SsoSpace.create(server);
    var speakers = space.createGroup("Speakers");
    var browser = server.browser().json();
    var sub = newSub();
    var claims = claims(sub);
    claims.put("groups:join", List.of(speakers, "00000000-0000-0000-0000-000000000000"));

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 400, "MBR3", sub);
  }

  @Test
  void groupOfAnotherSpaceRefusesKnownMemberWithNothingChanged(FoyerServer server) {
    var space =
        SsoSpace.create(
            server, Json.object().putPOJO("customProperties", List.of("dept")), Json.object());
    var other = SsoSpace.create(server);
    var speakers = space.createGroup("Speakers");
    var foreign = other.createGroup("Elsewhere");
    var sub = newSub();
    var first = claims(sub);
    first.put("groups:join", speakers);
    first.put("customProperties", Map.of("dept", "R&D"));
    var memberId = space.signInOk(first);
    var browser = server.browser().json();
    var second = claims(sub);
    second.put("groups:leave", speakers);
    second.put("customProperties", Map.of("dept", "Sales"));
    second.put("groups:join", foreign);

    var response = space.signIn(browser, space.token(second));

    space.assertRefused(browser, response, 400, "MBR3", null);
    var member = space.memberById(memberId);
    assertThat(groupNames(member)).containsExactly("Speakers");
    assertThat(member.path("properties").path("dept").asText()).isEqualTo("R&D");
  }

  @Test
  void storesCustomPropertiesTheSpaceDeclares(FoyerServer server) {
    var space = SsoSpace.create(server);
    var declared =
        space.patch(Json.object().putPOJO("customProperties", List.of("dept", "costCenter")));
    assertThat(declared.path("customProperties")).hasSize(2);
    var sub = newSub();
    var first = claims(sub);
    first.put("customProperties", Map.of("dept", "R&D", "costCenter", "CC-42"));
    space.signInOk(first);
    var second = claims(sub);
    second.put("customProperties", Map.of("dept", "Sales"));

    space.signInOk(second);

    var properties = space.member(sub).orElseThrow().path("properties");
    assertThat(properties.path("dept").asText()).isEqualTo("Sales");
    assertThat(properties.path("costCenter").asText()).isEqualTo("CC-42");
  }

  @Test
  void unknownCustomPropertyRefusesWithNothingWritten(FoyerServer server) {
    var space =
        SsoSpace.create(
            server, Json.object().putPOJO("customProperties", List.of("dept")), Json.object());
    var browser = server.browser().json();
    var sub = newSub();
    var claims = claims(sub);
    claims.put("customProperties", Map.of("dept", "R&D", "salary", "a lot"));

    var response = space.signIn(browser, space.token(claims));

    space.assertRefused(browser, response, 400, "MBR4", sub);
  }

  @Test
  void setsAndUnsetsDomains(FoyerServer server) {
    var space = SsoSpace.create(server);
    var sub = newSub();
    var first = claims(sub);
    first.put(
        "domains:set",
        Map.of(
            "default",
            "https://app.example.test",
            "academy",
            "https://academy.example.test/learn"));
    space.signInOk(first);
    assertThat(space.member(sub).orElseThrow().path("domains").size()).isEqualTo(2);

    var second = claims(sub);
    second.put("domains:unset", List.of("academy"));
    second.put("domains:set", Map.of("support", "http://support.example.test"));
    space.signInOk(second);

    var domains = space.member(sub).orElseThrow().path("domains");
    assertThat(domains.size()).isEqualTo(2);
    assertThat(domains.path("default").asText()).isEqualTo("https://app.example.test");
    assertThat(domains.path("support").asText()).isEqualTo("http://support.example.test");
    assertThat(domains.has("academy")).isFalse();
  }

  private static Map<String, Object> changedProfile(String sub) {
    var claims = claims(sub);
    claims.put("firstName", "Augusta");
    claims.put("lastName", "King");
    claims.put("title", "Countess");
    claims.put("avatarUrl", "https://cdn.example.test/new.png");
    claims.put("lang", "fr");
    claims.put("timezone", "America/New_York");
    return claims;
  }

  private static List<String> providers(JsonNode member) {
    var providers = new ArrayList<String>();
    member
        .path("identities")
        .forEach(identity -> providers.add(identity.path("provider").asText()));
    return providers;
  }

  private static List<String> groupNames(JsonNode member) {
    var names = new ArrayList<String>();
    member.path("groups").forEach(group -> names.add(group.path("name").asText()));
    return names;
  }
}
