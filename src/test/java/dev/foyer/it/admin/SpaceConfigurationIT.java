package dev.foyer.it.admin;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Names.slug;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.foyer.it.support.FaultyPeer;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A space's configuration exported and imported as one document (README "Export and import"): every
 * setting an operator makes, in a stable order, and no secret; an import into a new space gives the
 * same document back; an import is declarative, keeps stored secrets, and is all or nothing; every
 * bad document is refused with its code and leaves the space as it was.
 */
@ExtendWith(FoyerServer.class)
class SpaceConfigurationIT {
  private static String admin;

  /** The base64 DER certificate a SAML identity provider's pasted metadata carries. */
  private static String idpCertificate;

  /** A space set up through the admin API, left as it is: the tests change copies of it. */
  private static Configured source;

  private static ObjectNode sourceExport;

  @BeforeAll
  static void prepare(FoyerServer server) {
    admin = server.adminToken();
    // Any certificate will do for metadata nobody signs with: a SAML provider's own, from a space
    // of its own.
    var scratch = createSpace(server);
    var saml =
        send(
            server,
            admin,
            "POST",
            providers(scratch),
            "{\"alias\":\"scratch\",\"kind\":\"SAML\",\"enabled\":false}");
    assertThat(saml.statusCode()).as(describe(saml)).isEqualTo(201);
    idpCertificate =
        Json.parse(saml).path("saml").path("spKeys").path(0).path("certificate").asText();
    assertThat(idpCertificate).isNotEmpty();
    source = configuredSpace(server);
    sourceExport = export(server, source.slug());
  }

  // --- Export ------------------------------------------------------------------------------

  @Test
  void exportsEverySettingInAStableOrderAndNoSecret(FoyerServer server) {
    var space = source;

    var exported = send(server, admin, "GET", configuration(space.slug()), null);

    assertThat(exported.statusCode()).as(describe(exported)).isEqualTo(200);
    assertThat(exported.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    var document = Json.parse(exported);
    assertThat(document.path("foyerExport").asInt()).isEqualTo(1);
    assertThat(fieldNames(document))
        .containsExactly("foyerExport", "space", "events", "groups", "identityProviders", "jwtSso");
    var settings = document.path("space");
    assertThat(settings.path("slug").asText()).isEqualTo(space.slug());
    assertThat(settings.path("name").asText()).isEqualTo("Acme intranet");
    assertThat(settings.path("visibility").asText()).isEqualTo("PRIVATE");
    assertThat(settings.path("signedLinksRequired").asBoolean()).isTrue();
    assertThat(settings.path("linkByEmail").asBoolean()).isTrue();
    assertThat(settings.path("landingUrl").asText()).isEqualTo("https://intranet.example.com/");
    assertThat(Json.write(settings.path("allowedOrigins")))
        .isEqualTo("[\"https://intranet.example.com\"]");
    assertThat(Json.write(settings.path("customProperties"))).isEqualTo("[\"department\"]");
    assertThat(settings.path("conflicts").path("changeUsername").asBoolean()).isTrue();
    assertThat(settings.path("conflicts").path("autoResolve").asBoolean()).isFalse();
    assertThat(settings.has("id")).as("the id belongs to the environment").isFalse();
    assertThat(document.path("events").findValuesAsText("id")).containsExactly("lobby", "welcome");
    var welcome = document.path("events").path(1);
    assertThat(welcome.path("title").asText()).isEqualTo("Welcome");
    assertThat(Json.write(welcome.path("admittedLevels"))).isEqualTo("[\"NICKNAME\",\"SSO\"]");
    assertThat(welcome.path("startsAt").asText()).isEqualTo("2030-01-01T10:00:00Z");
    assertThat(document.path("groups").findValuesAsText("name"))
        .containsExactly("Modérateurs", "Staff");
    assertThat(document.path("groups").path(0).path("id").asText()).matches("[0-9a-f-]{36}");
    assertThat(document.path("identityProviders").findValuesAsText("alias"))
        .as("by alias")
        .containsExactly("acme", "corp-saml", "entra", "github", "intranet", "legacy");
    var acme = document.path("identityProviders").path(0);
    assertThat(acme.path("kind").asText()).isEqualTo("OIDC");
    assertThat(acme.path("issuer").asText()).isEqualTo("https://login.acme.example/realms/staff");
    assertThat(acme.path("clientId").asText()).isEqualTo("foyer");
    assertThat(acme.has("clientSecret")).isFalse();
    assertThat(acme.has("clientSecretSet")).as("the request's shape, not the view's").isFalse();
    assertThat(acme.path("attributeKeys").path("unique").asText()).isEqualTo("sub");
    var saml = document.path("identityProviders").path(1);
    assertThat(saml.path("samlMetadata").asText()).contains(idpCertificate);
    assertThat(saml.path("spEntityId").asText()).endsWith("/" + space.slug() + "/corp-saml");
    assertThat(saml.has("spKeys")).isFalse();
    assertThat(document.path("jwtSso").path("enabled").asBoolean()).isTrue();
    assertThat(document.path("jwtSso").path("maxLifetime").asText()).isEqualTo("PT2M");
    assertThat(document.path("jwtSso").has("key")).isFalse();
    for (var secret : space.secrets()) {
      assertThat(exported.body()).as("the export holds no secret").doesNotContain(secret);
    }
    assertThat(exported.body()).doesNotContain("PRIVATE KEY").doesNotContain("sealed");
    var again = send(server, admin, "GET", configuration(space.slug()), null);
    assertThat(again.body()).as("a stable export").isEqualTo(exported.body());
  }

  // --- Import ------------------------------------------------------------------------------

  @Test
  void importsAnExportIntoANewSpaceAndExportsTheSameDocument(FoyerServer server) {
    var source = SpaceConfigurationIT.source;
    var exported = export(server, source.slug());
    var target = slug();

    var withoutSecrets = put(server, admin, target, exported);
    var imported = put(server, admin, target, withSecrets(exported));

    assertProblem(withoutSecrets, 400, "IMPORT4");
    assertThat(Json.parse(withoutSecrets).path("pointer").asText())
        .isEqualTo("/identityProviders/0");
    assertThat(Json.parse(withoutSecrets).path("detail").asText()).contains("'acme'");
    assertThat(imported.statusCode()).as(describe(imported)).isEqualTo(201);
    assertThat(imported.headers().firstValue("Location").orElseThrow())
        .endsWith("/api/admin/spaces/" + target);
    var answer = Json.parse(imported);
    assertThat(answer.path("created").asBoolean()).isTrue();
    var signingSecret = answer.path("secrets").path("space").path("signingSecret").asText();
    var jwtKey = answer.path("secrets").path("jwtSso").path("key").asText();
    assertThat(signingSecret).as("made for the new space, shown once").isNotEmpty();
    assertThat(jwtKey).isNotEmpty();
    assertThat(source.secrets()).doesNotContain(signingSecret, jwtKey);
    var copy = export(server, target);
    assertThat(withoutEnvironment(copy)).isEqualTo(withoutEnvironment(exported));
    assertThat(copy.path("space").path("slug").asText()).isEqualTo(target);
    assertThat(answer.path("configuration")).isEqualTo(copy);
    var view = send(server, admin, "GET", providers(target) + "/acme", null);
    assertThat(Json.parse(view).path("clientSecretSet").asBoolean()).isTrue();
    assertThat(view.body()).doesNotContain("n3w-");
  }

  @Test
  void importsItsOwnExportAsNoChangeAndKeepsEverySecret(FoyerServer server) {
    var space = copy(server);
    var exported = export(server, space.slug());
    var spaceBefore = send(server, admin, "GET", "/api/admin/spaces/" + space.slug(), null).body();
    var ssoBefore = send(server, admin, "GET", "/api/admin/spaces/" + space.slug() + "/sso", null);

    var imported = put(server, admin, space.slug(), exported);

    assertThat(imported.statusCode()).as(describe(imported)).isEqualTo(200);
    var answer = Json.parse(imported);
    assertThat(answer.path("created").asBoolean()).isFalse();
    assertThat(answer.path("removed").size()).isZero();
    assertThat(answer.path("secrets").size()).as("no secret made again").isZero();
    assertThat(export(server, space.slug())).isEqualTo(exported);
    assertThat(send(server, admin, "GET", "/api/admin/spaces/" + space.slug(), null).body())
        .as("the signing secret and its rotation as they were")
        .isEqualTo(spaceBefore);
    assertThat(
            send(server, admin, "GET", "/api/admin/spaces/" + space.slug() + "/sso", null).body())
        .as("the JWT SSO key and its rotation as they were")
        .isEqualTo(ssoBefore.body());
    var listed = Json.parse(send(server, admin, "GET", providers(space.slug()), null));
    for (var provider : listed) {
      if (!provider.path("kind").asText().equals("SAML")) {
        assertThat(provider.path("clientSecretSet").asBoolean())
            .as(provider.path("alias").asText())
            .isTrue();
      }
    }
  }

  @Test
  void makesTheSpaceWhatTheDocumentSays(FoyerServer server) {
    var space = copy(server);
    var document = export(server, space.slug());
    document.with("space").put("name", "Acme staff").remove("landingUrl");
    var events = document.withArray("events");
    events.remove(0); // lobby
    ((ObjectNode) events.get(0)).put("title", "Welcome back").remove("startsAt");
    events.addObject().put("id", "town-hall").put("title", "Town hall");
    ((ObjectNode) document.withArray("groups").get(0)).put("name", "Hosts");
    document.withArray("groups").addObject().put("name", "Guests");
    var identityProviders = document.withArray("identityProviders");
    identityProviders.remove(5); // legacy
    ((ObjectNode) identityProviders.get(0))
        .put("displayName", "Acme SSO")
        .put("clientId", "foyer-2");
    document.remove("jwtSso");

    var imported = put(server, admin, space.slug(), document);

    assertThat(imported.statusCode()).as(describe(imported)).isEqualTo(200);
    var answer = Json.parse(imported);
    assertThat(Json.write(answer.path("removed")))
        .isEqualTo("{\"events\":[\"lobby\"],\"identityProviders\":[\"legacy\"]}");
    var after = export(server, space.slug());
    assertThat(after.path("space").path("name").asText()).isEqualTo("Acme staff");
    assertThat(after.path("space").has("landingUrl")).as("left out: none").isFalse();
    assertThat(after.path("events").findValuesAsText("id")).containsExactly("town-hall", "welcome");
    var welcome = after.path("events").path(1);
    assertThat(welcome.path("title").asText()).isEqualTo("Welcome back");
    assertThat(welcome.has("startsAt")).isFalse();
    assertThat(after.path("events").path(0).path("admittedLevels").path(0).asText())
        .as("a new event's default level")
        .isEqualTo("NICKNAME");
    assertThat(after.path("groups").findValuesAsText("name"))
        .containsExactly("Guests", "Hosts", "Staff");
    assertThat(after.path("groups").path(1).path("id").asText())
        .as("renamed, the same group")
        .isEqualTo(document.path("groups").path(0).path("id").asText());
    assertThat(after.path("identityProviders").findValuesAsText("alias"))
        .containsExactly("acme", "corp-saml", "entra", "github", "intranet");
    assertThat(after.path("identityProviders").path(0).path("displayName").asText())
        .isEqualTo("Acme SSO");
    assertThat(after.path("identityProviders").path(0).path("clientId").asText())
        .isEqualTo("foyer-2");
    assertThat(after.path("jwtSso").path("enabled").asBoolean())
        .as("left out: JWT SSO is off, its key kept")
        .isFalse();
    var listed = send(server, admin, "GET", "/api/admin/spaces/" + space.slug() + "/events", null);
    assertThat(Json.parse(listed).findValuesAsText("id"))
        .containsExactlyInAnyOrder("town-hall", "welcome");
  }

  @Test
  void leavesTheSpaceExactlyAsBeforeWhenItsLastProviderIsInvalid(FoyerServer server) {
    var space = copy(server);
    var before = send(server, admin, "GET", configuration(space.slug()), null).body();
    var document = Json.parse(before).deepCopy();
    ((ObjectNode) document).with("space").put("name", "Changed").put("visibility", "PUBLIC");
    ((ObjectNode) document).withArray("events").remove(0);
    ((ObjectNode) document)
        .withArray("events")
        .addObject()
        .put("id", "new-one")
        .put("title", "New");
    ((ObjectNode) document).withArray("groups").addObject().put("name", "Newcomers");
    ((ObjectNode) document).remove("jwtSso");
    var identityProviders = ((ObjectNode) document).withArray("identityProviders");
    identityProviders.remove(0); // acme, removed
    ((ObjectNode) identityProviders.get(0)).put("displayName", "Changed too");
    ((ObjectNode) identityProviders.get(identityProviders.size() - 1))
        .put("userInfoUrl", "http://userinfo.example.com/me");

    var refused = put(server, admin, space.slug(), (ObjectNode) document);

    assertProblem(refused, 400, "IOU2URL");
    assertThat(Json.parse(refused).path("pointer").asText())
        .isEqualTo("/identityProviders/" + (identityProviders.size() - 1));
    assertThat(Json.parse(refused).path("detail").asText()).contains("'legacy'", "userInfoUrl");
    assertThat(send(server, admin, "GET", configuration(space.slug()), null).body())
        .as("nothing of the document was kept")
        .isEqualTo(before);
  }

  @Test
  void rollsBackEverythingWhenTheLastStepIsRefused(FoyerServer server) {
    // alwaysSsoNicknames is turned on last, after every provider is saved: an enabled social
    // provider refuses it there (SSONICK1), and the providers saved before are undone too.
    var space = copy(server);
    var before = send(server, admin, "GET", configuration(space.slug()), null).body();
    var document = (ObjectNode) Json.parse(before);
    document.with("space").put("alwaysSsoNicknames", true);
    ((ObjectNode) document.withArray("identityProviders").get(0)).put("displayName", "Changed");

    var refused = put(server, admin, space.slug(), document);

    assertProblem(refused, 409, "SSONICK1");
    assertThat(Json.parse(refused).path("pointer").asText()).isEqualTo("/space/alwaysSsoNicknames");
    assertThat(send(server, admin, "GET", configuration(space.slug()), null).body())
        .isEqualTo(before);
  }

  @Test
  void turnsAlwaysSsoNicknamesOnOnceTheDocumentDisabledTheSocialProviders(FoyerServer server) {
    var space = copy(server);
    var document = export(server, space.slug());
    document.with("space").put("alwaysSsoNicknames", true);
    for (var provider : document.withArray("identityProviders")) {
      if (List.of("GITHUB", "MICROSOFT").contains(provider.path("kind").asText())) {
        ((ObjectNode) provider).put("enabled", false);
      }
    }

    var imported = put(server, admin, space.slug(), document);

    assertThat(imported.statusCode()).as(describe(imported)).isEqualTo(200);
    assertThat(export(server, space.slug())).isEqualTo(document);
  }

  @Test
  void checksAndAnswersADryRunWithoutChangingAnything(FoyerServer server) {
    var space = copy(server);
    var before = send(server, admin, "GET", configuration(space.slug()), null).body();
    var document = (ObjectNode) Json.parse(before);
    document.with("space").put("name", "Would be");
    document.withArray("events").remove(0);
    var target = slug();

    var dryRun =
        send(
            server,
            admin,
            "PUT",
            configuration(space.slug()) + "?dryRun=true",
            Json.write(document));
    var newSpace =
        putPath(server, admin, configuration(target) + "?dryRun=true", withSecrets(document));
    var refused = putPath(server, admin, configuration(space.slug()) + "?dryRun=maybe", document);

    assertThat(dryRun.statusCode()).as(describe(dryRun)).isEqualTo(200);
    var answer = Json.parse(dryRun);
    assertThat(answer.path("dryRun").asBoolean()).isTrue();
    assertThat(answer.path("configuration").path("space").path("name").asText())
        .isEqualTo("Would be");
    assertThat(Json.write(answer.path("removed"))).isEqualTo("{\"events\":[\"lobby\"]}");
    assertThat(send(server, admin, "GET", configuration(space.slug()), null).body())
        .isEqualTo(before);
    assertThat(newSpace.statusCode()).as(describe(newSpace)).isEqualTo(200);
    assertThat(Json.parse(newSpace).path("created").asBoolean()).isTrue();
    assertThat(Json.parse(newSpace).path("secrets").size()).as("nothing was kept").isZero();
    assertProblem(send(server, admin, "GET", "/api/admin/spaces/" + target, null), 404, "ADM3");
    assertProblem(refused, 400, "ADM1");
  }

  @Test
  void readsAProvidersMetadataUrlAgainOnlyWhereItChanged(FoyerServer server) {
    var reads = new AtomicInteger();
    var metadata = idpMetadata().getBytes(StandardCharsets.UTF_8);
    try (var peer = FaultyPeer.start()) {
      peer.answer(
          "/metadata",
          exchange -> {
            reads.incrementAndGet();
            FaultyPeer.body(200, "application/samlmetadata+xml", metadata).send(exchange);
          });
      var slug = createSpace(server);
      ok(
          send(
              server,
              admin,
              "POST",
              providers(slug),
              Json.write(
                  Json.object()
                      .put("alias", "by-url")
                      .put("kind", "SAML")
                      .put("samlMetadataUrl", peer.url("/metadata")))));
      var document = export(server, slug);

      var again = put(server, admin, slug, document);
      var readsAfterAgain = reads.get();
      var copied = put(server, admin, slug(), document);

      assertThat(document.path("identityProviders").path(0).path("samlMetadataUrl").asText())
          .isEqualTo(peer.url("/metadata"));
      assertThat(document.path("identityProviders").path(0).has("samlMetadata")).isFalse();
      assertThat(again.statusCode()).as(describe(again)).isEqualTo(200);
      assertThat(readsAfterAgain).as("the provider already reads that URL").isEqualTo(1);
      assertThat(copied.statusCode()).as(describe(copied)).isEqualTo(201);
      assertThat(reads.get()).as("a new provider reads it").isEqualTo(2);
    }
  }

  // --- Who may import -------------------------------------------------------------------------

  @Test
  void letsASpaceAdministratorImportIntoTheirSpaceButNotCreateOne(FoyerServer server) {
    var space = copy(server);
    var token = server.token("--groups", "foyer-space-admin", "--space", space.slug());
    var document = export(server, space.slug());
    document.with("space").put("name", "Renamed by its administrator");
    var other = slug();
    var ownButNew = server.token("--groups", "foyer-space-admin", "--space", other);

    var imported = put(server, token, space.slug(), document);
    var created = put(server, ownButNew, other, withSecrets(document));

    assertThat(imported.statusCode()).as(describe(imported)).isEqualTo(200);
    assertProblem(created, 403, "ADM7");
    assertProblem(send(server, admin, "GET", "/api/admin/spaces/" + other, null), 404, "ADM3");
  }

  // --- Refusals --------------------------------------------------------------------------------
  // What the document looks like is read before the database is touched: those run on H2 only.

  @Test
  @EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
  void refusesADocumentOfAnotherVersionWithImport1(FoyerServer server) {
    var slug = createSpace(server);
    var before = send(server, admin, "GET", configuration(slug), null).body();

    var later = putText(server, slug, "{\"foyerExport\":2,\"space\":{\"name\":\"X\"}}");
    var none = putText(server, slug, "{\"space\":{\"name\":\"X\"}}");
    var text = putText(server, slug, "{\"foyerExport\":\"1\",\"space\":{\"name\":\"X\"}}");
    var array = putText(server, slug, "[{\"foyerExport\":1}]");

    assertProblem(later, 400, "IMPORT1");
    assertThat(Json.parse(later).path("pointer").asText()).isEqualTo("/foyerExport");
    assertProblem(none, 400, "IMPORT1");
    assertProblem(text, 400, "IMPORT1");
    assertProblem(array, 400, "IMPORT1");
    assertThat(send(server, admin, "GET", configuration(slug), null).body()).isEqualTo(before);
  }

  @Test
  @EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
  void refusesAFieldFoyerDoesNotKnowWithImport2(FoyerServer server) {
    var slug = createSpace(server);
    var before = send(server, admin, "GET", configuration(slug), null).body();

    var topLevel = putText(server, slug, minimal("\"provider\":[]"));
    var inSpace =
        putText(server, slug, "{\"foyerExport\":1,\"space\":{\"name\":\"X\",\"nmae\":\"Y\"}}");
    var inProvider =
        putText(
            server,
            slug,
            minimal(
                "\"identityProviders\":[{\"alias\":\"a\",\"kind\":\"OIDC\",\"enabled\":false,"
                    + "\"clientSecrett\":\"x\"}]"));

    assertProblem(topLevel, 400, "IMPORT2");
    assertThat(Json.parse(topLevel).path("pointer").asText()).isEqualTo("/provider");
    assertProblem(inSpace, 400, "IMPORT2");
    assertThat(Json.parse(inSpace).path("pointer").asText()).isEqualTo("/space/nmae");
    assertProblem(inProvider, 400, "IMPORT2");
    assertThat(Json.parse(inProvider).path("pointer").asText())
        .isEqualTo("/identityProviders/0/clientSecrett");
    assertThat(send(server, admin, "GET", configuration(slug), null).body()).isEqualTo(before);
  }

  @Test
  @EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
  void refusesANameGivenTwiceWithImport3(FoyerServer server) {
    var slug = createSpace(server);
    var group = "0b7d1c1e-8d4e-4e57-9c3a-" + hex(6);
    var provider = "{\"alias\":\"twice\",\"kind\":\"OIDC\",\"enabled\":false}";

    var aliases =
        putText(server, slug, minimal("\"identityProviders\":[" + provider + "," + provider + "]"));
    var events =
        putText(
            server,
            slug,
            minimal("\"events\":[{\"id\":\"a\",\"title\":\"A\"},{\"id\":\"a\",\"title\":\"B\"}]"));
    var groups =
        putText(
            server,
            slug,
            minimal(
                "\"groups\":[{\"id\":\"%s\",\"name\":\"A\"},{\"id\":\"%s\",\"name\":\"B\"}]"
                    .formatted(group, group)));

    assertProblem(aliases, 400, "IMPORT3");
    assertThat(Json.parse(aliases).path("pointer").asText())
        .isEqualTo("/identityProviders/1/alias");
    assertProblem(events, 400, "IMPORT3");
    assertThat(Json.parse(events).path("pointer").asText()).isEqualTo("/events/1/id");
    assertProblem(groups, 400, "IMPORT3");
  }

  @Test
  void refusesToLeaveOutAGroupWithImport5(FoyerServer server) {
    var slug = createSpace(server);
    var group =
        send(
            server, admin, "POST", "/api/admin/spaces/" + slug + "/groups", "{\"name\":\"Staff\"}");
    assertThat(group.statusCode()).as(describe(group)).isEqualTo(201);

    var refused = putText(server, slug, minimal("\"groups\":[]"));

    assertProblem(refused, 409, "IMPORT5");
    assertThat(Json.parse(refused).path("detail").asText()).contains("'Staff'");
  }

  @Test
  void refusesWhatTheAdminApiRefusesWithItsCodeAndPlace(FoyerServer server) {
    var slug = createSpace(server);
    ok(
        send(
            server,
            admin,
            "POST",
            providers(slug),
            "{\"alias\":\"corp\",\"kind\":\"OIDC\",\"enabled\":false}"));
    var before = send(server, admin, "GET", configuration(slug), null).body();

    var kind =
        putText(
            server,
            slug,
            minimal(
                "\"identityProviders\":[{\"alias\":\"corp\",\"kind\":\"OAUTH2\",\"enabled\":false}]"));
    var reserved =
        putText(
            server,
            slug,
            minimal(
                "\"identityProviders\":[{\"alias\":\"password\",\"kind\":\"OIDC\",\"enabled\":false}]"));
    var title = putText(server, slug, minimal("\"events\":[{\"id\":\"a\",\"title\":\"\\u200b\"}]"));
    var origin =
        putText(
            server,
            slug,
            "{\"foyerExport\":1,\"space\":{\"name\":\"X\",\"allowedOrigins\":[\"*\"]}}");
    var unknownKind =
        putText(
            server,
            slug,
            minimal("\"identityProviders\":[{\"alias\":\"corp\",\"kind\":\"SAML2\"}]"));
    var noName = putText(server, slug, "{\"foyerExport\":1,\"space\":{}}");
    var eventId = putText(server, slug, minimal("\"events\":[{\"title\":\"No id\"}]"));

    assertProblem(kind, 400, "ADM1");
    assertThat(Json.parse(kind).path("pointer").asText()).isEqualTo("/identityProviders/0/kind");
    assertProblem(reserved, 400, "IDP3");
    assertThat(Json.parse(reserved).path("pointer").asText()).isEqualTo("/identityProviders/0");
    assertProblem(title, 400, "ADM1");
    assertThat(Json.parse(title).path("pointer").asText()).isEqualTo("/events/0");
    assertProblem(origin, 400, "ADM1");
    assertThat(Json.parse(origin).path("pointer").asText()).isEqualTo("/space");
    assertProblem(unknownKind, 400, "ADM1");
    assertThat(Json.parse(unknownKind).path("pointer").asText())
        .isEqualTo("/identityProviders/0/kind");
    assertProblem(noName, 400, "ADM1");
    assertProblem(eventId, 400, "ADM1");
    assertThat(send(server, admin, "GET", configuration(slug), null).body()).isEqualTo(before);
  }

  @Test
  @EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
  void refusesWhatIsNotJsonOfTheRightShapeOrTooLarge(FoyerServer server) {
    var slug = createSpace(server);
    var before = send(server, admin, "GET", configuration(slug), null).body();

    var broken = putText(server, slug, "{\"foyerExport\":1,");
    var twoValues = putText(server, slug, minimal("") + " {}");
    var flag =
        putText(
            server, slug, "{\"foyerExport\":1,\"space\":{\"name\":\"X\",\"linkByEmail\":\"yes\"}}");
    var list = putText(server, slug, minimal("\"events\":{}"));
    var large =
        putText(
            server,
            slug,
            "{\"foyerExport\":1,\"space\":{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}}");
    var empty = putText(server, slug, "");
    var deep = putText(server, slug, minimal("\"events\":" + "[".repeat(100_000)));

    assertProblem(broken, 400, "REQ400");
    assertProblem(twoValues, 400, "REQ400");
    assertProblem(flag, 400, "REQ400");
    assertThat(Json.parse(flag).path("pointer").asText()).startsWith("/space");
    assertProblem(list, 400, "REQ400");
    assertThat(Json.parse(list).path("pointer").asText()).isEqualTo("/events");
    assertProblem(large, 413, "REQ413");
    assertProblem(empty, 400, "REQ400");
    assertProblem(deep, 400, "REQ400");
    assertThat(send(server, admin, "GET", configuration(slug), null).body()).isEqualTo(before);
  }

  // --- Fixtures ------------------------------------------------------------------------------

  /** A space as an operator sets one up, and every secret Foyer or the operator gave it. */
  record Configured(String slug, List<String> secrets) {}

  private static Configured configuredSpace(FoyerServer server) {
    var secrets = new ArrayList<String>();
    var slug = slug();
    var created =
        send(
            server,
            admin,
            "POST",
            "/api/admin/spaces",
            Json.write(
                Map.of(
                    "slug",
                    slug,
                    "name",
                    "Acme intranet",
                    "landingUrl",
                    "https://intranet.example.com/",
                    "visibility",
                    "PRIVATE",
                    "signedLinksRequired",
                    true,
                    "linkByEmail",
                    true,
                    "allowedOrigins",
                    List.of("https://intranet.example.com"),
                    "customProperties",
                    List.of("department"),
                    "conflicts",
                    Map.of("changeUsername", true))));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    secrets.add(Json.parse(created).path("signingSecret").asText());
    var rotated =
        send(server, admin, "POST", "/api/admin/spaces/" + slug + "/signing-secret", null);
    secrets.add(Json.parse(rotated).path("signingSecret").asText());
    ok(
        send(
            server,
            admin,
            "POST",
            "/api/admin/spaces/" + slug + "/events",
            "{\"id\":\"welcome\",\"title\":\"Welcome\",\"admittedLevels\":[\"SSO\",\"NICKNAME\"],"
                + "\"startsAt\":\"2030-01-01T10:00:00Z\",\"endsAt\":\"2030-01-01T12:00:00Z\"}"));
    ok(
        send(
            server,
            admin,
            "POST",
            "/api/admin/spaces/" + slug + "/events",
            "{\"id\":\"lobby\",\"title\":\"Lobby\"}"));
    ok(
        send(
            server,
            admin,
            "POST",
            "/api/admin/spaces/" + slug + "/groups",
            "{\"name\":\"Staff\"}"));
    ok(
        send(
            server,
            admin,
            "POST",
            "/api/admin/spaces/" + slug + "/groups",
            "{\"name\":\"Modérateurs\"}"));
    var sso =
        send(
            server,
            admin,
            "PUT",
            "/api/admin/spaces/" + slug + "/sso",
            "{\"enabled\":true,\"authorizationUrl\":\"https://app.example.com/sso\","
                + "\"maxLifetime\":\"PT2M\",\"syncOnEveryLogin\":[\"NAMES\",\"EMAIL\"]}");
    ok(sso);
    secrets.add(Json.parse(sso).path("key").asText());
    var rotatedKey = send(server, admin, "POST", "/api/admin/spaces/" + slug + "/sso/key", null);
    secrets.add(Json.parse(rotatedKey).path("key").asText());
    var providers =
        List.of(
            Json.object()
                .put("alias", "acme")
                .put("kind", "OIDC")
                .put("displayName", "Acme Corp")
                .put("buttonLabel", "Sign in with Acme")
                .put("issuer", "https://login.acme.example/realms/staff")
                .put("clientId", "foyer")
                .put("trustedEmails", true),
            Json.object()
                .put("alias", "intranet")
                .put("kind", "OAUTH2")
                .put("authorizationUrl", "https://idp.example.com/authorize")
                .put("tokenUrl", "https://idp.example.com/token")
                .put("userInfoUrl", "https://idp.example.com/me")
                .put("scopes", "profile email")
                .put("pkce", false)
                .put("clientAuthentication", "CLIENT_SECRET_POST")
                .put("clientId", "foyer-intranet")
                .set(
                    "attributeKeys",
                    Json.object()
                        .put("unique", "info.id")
                        .put("nickname", "names.nicknames.0")
                        .put("groups", "roles")),
            Json.object()
                .put("alias", "legacy")
                .put("kind", "OAUTH1")
                .put("requestTokenUrl", "https://legacy.example.com/oauth/request_token")
                .put("authorizationUrl", "https://legacy.example.com/oauth/authorize")
                .put("tokenUrl", "https://legacy.example.com/oauth/access_token")
                .put("userInfoUrl", "https://legacy.example.com/api/me")
                .put("clientId", "consumer-key")
                .set("attributeKeys", Json.object().put("unique", "id")),
            Json.object().put("alias", "github").put("kind", "GITHUB").put("clientId", "Iv1.abc"),
            Json.object()
                .put("alias", "entra")
                .put("kind", "MICROSOFT")
                .put("tenant", "contoso.onmicrosoft.com")
                .put("clientId", "00000000-0000-0000-0000-000000000001"));
    for (var provider : providers) {
      var secret = "s3cr3t-" + hex(12);
      secrets.add(secret);
      ok(
          send(
              server,
              admin,
              "POST",
              providers(slug),
              Json.write(provider.put("clientSecret", secret))));
    }
    ok(
        send(
            server,
            admin,
            "POST",
            providers(slug),
            Json.write(
                Json.object()
                    .put("alias", "corp-saml")
                    .put("kind", "SAML")
                    .put("samlMetadata", idpMetadata())
                    .put("nameIdFormat", "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")
                    .put("authnRequestBinding", "POST")
                    .put("encryptedAssertions", true)
                    .set("attributeKeys", Json.object().put("groups", "groups")))));
    return new Configured(slug, List.copyOf(secrets));
  }

  /**
   * A new space made by importing the source's export (with client secrets, which exports never
   * carry), and the secrets given or made.
   */
  private static Configured copy(FoyerServer server) {
    var slug = slug();
    var document = withSecrets(sourceExport);
    var imported = put(server, admin, slug, document);
    assertThat(imported.statusCode()).as(describe(imported)).isEqualTo(201);
    var secrets = new ArrayList<String>(Json.parse(imported).findValuesAsText("signingSecret"));
    secrets.addAll(Json.parse(imported).path("secrets").findValuesAsText("key"));
    secrets.addAll(document.findValuesAsText("clientSecret"));
    return new Configured(slug, List.copyOf(secrets));
  }

  private static String idpMetadata() {
    return """
        <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" \
        xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="https://idp.example.test/saml">\
        <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\
        <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s\
        </ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>\
        <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" \
        Location="https://idp.example.test/sso"/>\
        </md:IDPSSODescriptor></md:EntityDescriptor>"""
        .formatted(idpCertificate);
  }

  private static void ok(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(describe(response)).isBetween(200, 201);
  }

  private static ObjectNode export(FoyerServer server, String slug) {
    var response = send(server, admin, "GET", configuration(slug), null);
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    return (ObjectNode) Json.parse(response);
  }

  /** The document without what belongs to the environment: the slug and the groups' ids. */
  private static JsonNode withoutEnvironment(ObjectNode document) {
    var copy = document.deepCopy();
    copy.with("space").remove("slug");
    for (var group : copy.withArray("groups")) {
      ((ObjectNode) group).remove("id");
    }
    return copy;
  }

  /** The document with a client secret for each OAuth provider, as a new space needs them. */
  private static ObjectNode withSecrets(ObjectNode document) {
    var copy = document.deepCopy();
    for (var provider : copy.withArray("identityProviders")) {
      if (!provider.path("kind").asText().equals("SAML")) {
        ((ObjectNode) provider).put("clientSecret", "n3w-" + hex(8));
      }
    }
    return copy;
  }

  private static HttpResponse<String> put(
      FoyerServer server, String token, String slug, ObjectNode document) {
    return putPath(server, token, configuration(slug), document);
  }

  private static HttpResponse<String> putPath(
      FoyerServer server, String token, String path, ObjectNode document) {
    return send(server, token, "PUT", path, Json.write(document));
  }

  private static HttpResponse<String> putText(FoyerServer server, String slug, String body) {
    return send(server, admin, "PUT", configuration(slug), body);
  }

  /** A document with a space named X and {@code more} fields after it. */
  private static String minimal(String more) {
    return "{\"foyerExport\":1,\"space\":{\"name\":\"X\"}"
        + (more.isEmpty() ? "" : "," + more)
        + "}";
  }

  private static List<String> fieldNames(JsonNode node) {
    var names = new ArrayList<String>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static String configuration(String slug) {
    return "/api/admin/spaces/" + slug + "/configuration";
  }

  private static String providers(String slug) {
    return "/api/admin/spaces/" + slug + "/identity-providers";
  }
}
