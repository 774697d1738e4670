package dev.foyer.it.secrets;

import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.JwtTokens;
import dev.foyer.it.support.Names;
import dev.foyer.it.support.SignedLinks;
import dev.foyer.it.support.SsoSpace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.zip.ZipFile;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code foyer.secrets.key} on one database, as an operator meets it: the key that made the data,
 * then a wrong one, then a rotation of the key itself to a third, then the third alone. Each is a
 * Payara Micro of its own on a database of its own (the shared server's key is not touched), one
 * after the other. The database also holds what an earlier release left when a secret was rotated
 * under a wrong key: a previous secret no key opens.
 */
// The secrets key is the same on either database; PostgreSQL, the production one, is enough.
@EnabledIfSystemProperty(named = "foyer.it.db", matches = "postgresql")
@ExtendWith(FoyerServer.class)
class SecretsKeyIT {
  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void namesAWrongKeyRefusesWithACodeAndRotatesTheKeyWithoutTouchingTheSecrets(FoyerServer shared)
      throws Exception {
    try (var database = new Database(shared)) {
      walkThroughTheKeys(database);
    }
  }

  private static void walkThroughTheKeys(Database database) throws Exception {
    var original = newKey();
    var wrong = newKey();
    var next = newKey();
    String slug;
    String signingSecret;
    String spaceId;
    String ssoKey;
    String samlCertificate;

    // 1. The key that makes the data: a space with signed links and JWT SSO, each rotated once.
    try (var first = database.start("keys-1", original, Map.of(), false)) {
      var server = first.server();
      assertReady(server, 200);
      var admin = admin(server);
      slug = "t-" + Names.hex(5);
      var created =
          admin.postJson(
              "/api/admin/spaces",
              Json.write(
                  Json.object()
                      .put("slug", slug)
                      .put("name", "Keys " + slug)
                      .put("signedLinksRequired", true)));
      assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
      var rotated = admin.postJson("/api/admin/spaces/" + slug + "/signing-secret", "");
      assertThat(rotated.statusCode()).as(describe(rotated)).isEqualTo(200);
      signingSecret = Json.parse(rotated).path("signingSecret").asText();
      spaceId = Json.parse(rotated).path("id").asText();
      var configured =
          admin.putJson(
              "/api/admin/spaces/" + slug + "/sso", Json.write(Json.object().put("enabled", true)));
      assertThat(configured.statusCode()).as(describe(configured)).isEqualTo(200);
      var rotatedKey = admin.postJson("/api/admin/spaces/" + slug + "/sso/key", "");
      assertThat(rotatedKey.statusCode()).as(describe(rotatedKey)).isEqualTo(200);
      ssoKey = Json.parse(rotatedKey).path("key").asText();
      assertSignsIn(server, slug, signingSecret);
      assertSsoSignsIn(server, slug, spaceId, ssoKey);
      // Identity providers' sealed values: an OIDC client secret, a SAML provider's key.
      var oidc =
          admin.postJson(
              "/api/admin/spaces/" + slug + "/identity-providers",
              Json.write(
                  Json.object()
                      .put("alias", "staff")
                      .put("kind", "OIDC")
                      .put("issuer", "https://login.example.test/staff")
                      .put("clientId", "foyer")
                      .put("clientSecret", "sealed-once")));
      assertThat(oidc.statusCode()).as(describe(oidc)).isEqualTo(201);
      var saml =
          admin.postJson(
              "/api/admin/spaces/" + slug + "/identity-providers",
              Json.write(
                  Json.object().put("alias", "saml").put("kind", "SAML").put("enabled", false)));
      assertThat(saml.statusCode()).as(describe(saml)).isEqualTo(201);
      samlCertificate =
          Json.parse(saml).path("saml").path("spKeys").path(0).path("certificate").asText();
      assertThat(samlCertificate).isNotEmpty();
    }

    // What an earlier release left after rotating under a wrong key: previous secrets sealed with
    // a key Foyer never had.
    var stranger = newKey();
    database.update(
        "UPDATE uri_auth_settings SET sealed_previous_key = ? WHERE space_id = (SELECT id FROM space WHERE slug = ?)",
        seal(stranger, "the secret before"),
        slug);
    database.update(
        "UPDATE jwt_sso_settings SET sealed_previous_key = ? WHERE space_id = (SELECT id FROM space WHERE slug = ?)",
        seal(stranger, "the key before"),
        slug);

    // 2. A wrong key: named in the log, readiness DOWN, sign-ins and sealing refused with KEY1.
    try (var second = database.start("keys-2", wrong, Map.of(), true)) {
      var server = second.server();
      var ready = assertReady(server, 503);
      assertThat(check(ready, "secrets").path("status").asText()).isEqualTo("DOWN");
      assertThat(check(ready, "database").path("status").asText()).isEqualTo("UP");
      assertThat(log(server)).contains("Wrong foyer.secrets.key");

      var browser = server.browser().json();
      var link = browser.get(signedLink(slug, signingSecret, Names.uid()));
      assertProblem(link, 503, "KEY1");
      assertThat(browser.cookies()).isEmpty();
      var token = JwtTokens.hs256(SsoSpace.claims(SsoSpace.newSub()), ssoKey);
      var jwt = browser.get(jwtPath(spaceId) + "?ms_token=" + SsoSpace.encode(token));
      assertProblem(jwt, 503, "KEY1");
      assertThat(refusalCodes(server, slug)).startsWith("KEY1", "KEY1");

      var admin = admin(server);
      assertProblem(
          admin.postJson("/api/admin/spaces/" + slug + "/signing-secret", ""), 503, "KEY1");
      assertProblem(admin.postJson("/api/admin/spaces/" + slug + "/sso/key", ""), 503, "KEY1");
      var other = "t-" + Names.hex(5);
      assertProblem(
          admin.postJson(
              "/api/admin/spaces",
              Json.write(Json.object().put("slug", other).put("name", "Never"))),
          503,
          "KEY1");
      assertThat(admin.get("/api/admin/spaces/" + other).statusCode()).isEqualTo(404);
      assertProblem(
          admin.postJson(
              "/api/admin/spaces/" + slug + "/identity-providers",
              Json.write(
                  Json.object()
                      .put("alias", "corp")
                      .put("kind", "OIDC")
                      .put("issuer", "https://login.example.test/corp")
                      .put("clientId", "foyer")
                      .put("clientSecret", "never-sealed"))),
          503,
          "KEY1");
      assertThat(admin.get("/api/admin/spaces/" + slug + "/identity-providers/corp").statusCode())
          .isEqualTo(404);
    }

    // 3. Rotating the key itself: the new key, with the original as the previous key. Everything
    // is sealed again; the secrets integrators hold keep working; the poisoned previous secrets
    // are skipped, so a bad signature is a 401, never a 500.
    try (var third =
        database.start("keys-3", next, Map.of("foyer.secrets.previous-key", original), false)) {
      var server = third.server();
      assertReady(server, 200);
      assertThat(log(server)).contains("sealed again under foyer.secrets.key");
      assertSignsIn(server, slug, signingSecret);
      assertSsoSignsIn(server, slug, spaceId, ssoKey);

      var browser = server.browser().json();
      for (int i = 0; i < 2; i++) {
        assertProblem(browser.get(signedLink(slug, "not-the-secret", Names.uid())), 401, "UASIG2");
        var forged = JwtTokens.hs256(SsoSpace.claims(SsoSpace.newSub()), "not-the-key");
        assertProblem(
            browser.get(jwtPath(spaceId) + "?ms_token=" + SsoSpace.encode(forged)), 401, "JWT6");
      }
      var log = log(server);
      assertThat(occurrences(log, "(the signing secret of space " + slug + ",")).isEqualTo(1);
      assertThat(occurrences(log, "(the JWT SSO key of space " + slug + ",")).isEqualTo(1);
    }

    // 4. The new key alone: the rotation is complete.
    try (var fourth = database.start("keys-4", next, Map.of(), false)) {
      var server = fourth.server();
      assertReady(server, 200);
      assertSignsIn(server, slug, signingSecret);
      assertSsoSignsIn(server, slug, spaceId, ssoKey);
      // The SAML provider's key was sealed again too: it opens, and its metadata shows it.
      var saml = admin(server).get("/api/admin/spaces/" + slug + "/identity-providers/saml");
      assertThat(saml.statusCode()).as(describe(saml)).isEqualTo(200);
      assertThat(Json.parse(saml).path("saml").path("spKeys").path(0).path("certificate").asText())
          .isEqualTo(samlCertificate);
      var metadata = server.browser().get("/auth/federation/metadata/" + slug + "/saml");
      assertThat(metadata.statusCode()).as(describe(metadata)).isEqualTo(200);
      assertThat(metadata.body()).contains(samlCertificate);
    }
  }

  private static void assertSignsIn(FoyerServer server, String slug, String secret) {
    var browser = server.browser();
    var response = browser.get(signedLink(slug, secret, Names.uid()));
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(302);
    assertThat(browser.cookie("foyer_" + slug)).isPresent();
  }

  private static void assertSsoSignsIn(
      FoyerServer server, String slug, String spaceId, String key) {
    var browser = server.browser();
    var token = JwtTokens.hs256(SsoSpace.claims(SsoSpace.newSub()), key);
    var response = browser.get(jwtPath(spaceId) + "?ms_token=" + SsoSpace.encode(token));
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(302);
    assertThat(browser.cookie("foyer_" + slug)).isPresent();
  }

  private static String jwtPath(String spaceId) {
    return "/spot/" + spaceId + "/sso/jwt";
  }

  private static String signedLink(String slug, String secret, String uid) {
    return SignedLinks.link(secret, Map.of("account", slug, "givenName", "Kim", "uid", uid));
  }

  private static JsonNode assertReady(FoyerServer server, int status) {
    var response = server.browser().json().get("/health/ready");
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(status);
    return Json.parse(response);
  }

  private static JsonNode check(JsonNode health, String name) {
    for (var check : health.path("checks")) {
      if (check.path("name").asText().equals(name)) {
        return check;
      }
    }
    throw new AssertionError("No check " + name + " in " + health);
  }

  private static List<String> refusalCodes(FoyerServer server, String slug) {
    var response = admin(server).get("/api/admin/spaces/" + slug + "/login-records");
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(200);
    var codes = new ArrayList<String>();
    Json.parse(response).forEach(record -> codes.add(record.path("code").asText()));
    return codes;
  }

  private static Browser admin(FoyerServer server) {
    return server.browser().json().bearer(server.adminToken());
  }

  private static String log(FoyerServer server) throws IOException {
    return Files.readString(server.log(), StandardCharsets.ISO_8859_1);
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      count++;
    }
    return count;
  }

  private static String newKey() {
    var key = new byte[32];
    RANDOM.nextBytes(key);
    return Base64.getEncoder().encodeToString(key);
  }

  /**
   * SecretBox's stored form ({@code v1:} base64 of IV and AES-GCM ciphertext) under {@code key}.
   */
  private static String seal(String key, String secret) throws GeneralSecurityException {
    var iv = new byte[12];
    RANDOM.nextBytes(iv);
    var cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(
        Cipher.ENCRYPT_MODE,
        new SecretKeySpec(Base64.getDecoder().decode(key), "AES"),
        new GCMParameterSpec(128, iv));
    var sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
    return "v1:"
        + Base64.getEncoder()
            .encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
  }

  /**
   * One database for the servers of this test, one after the other: on H2 a directory every
   * server's Payara root links its {@code lib/databases} to; on PostgreSQL a database of the shared
   * cluster. Rows are changed over JDBC with the driver the servers use.
   */
  private static final class Database implements AutoCloseable {
    private final FoyerServer shared;
    private final Path h2;
    private final String postgresDatabase;

    Database(FoyerServer shared) throws IOException {
      this.shared = shared;
      if (shared.postgres().isPresent()) {
        h2 = null;
        postgresDatabase = "keys_" + Names.hex(4);
        var empty = Files.createTempFile("foyer-keys-", ".sql");
        Files.writeString(empty, "SELECT 1;\n");
        shared.postgres().get().restore(postgresDatabase, empty);
        Files.delete(empty);
      } else {
        h2 = Files.createTempDirectory("foyer-keys-h2-");
        postgresDatabase = null;
      }
    }

    FoyerServer.Extra start(
        String label, String key, Map<String, String> properties, boolean mayBeUnready) {
      Consumer<Path> root =
          payaraRoot -> {
            if (h2 != null) {
              try {
                Files.createDirectories(payaraRoot.resolve("lib"));
                Files.createSymbolicLink(payaraRoot.resolve("lib/databases"), h2);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            }
          };
      return shared.startExtra(label, key, root, postgresDatabase, properties, mayBeUnready);
    }

    /** The H2 files and driver copy; a PostgreSQL database goes with the cluster. */
    @Override
    public void close() throws IOException {
      if (h2 == null) {
        return;
      }
      Files.deleteIfExists(h2.resolveSibling(h2.getFileName() + "-h2.jar"));
      try (var files = Files.walk(h2)) {
        for (var file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }

    void update(String sql, String... parameters) throws Exception {
      try (var connection = connect();
          var statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < parameters.length; i++) {
          statement.setString(i + 1, parameters[i]);
        }
        assertThat(statement.executeUpdate()).as(sql).isEqualTo(1);
      }
    }

    private Connection connect() throws Exception {
      var runtime = Path.of(System.getProperty("foyer.it.runtime"));
      Path jar;
      String driverClass;
      String url;
      var properties = new Properties();
      if (h2 != null) {
        jar = h2.resolveSibling(h2.getFileName() + "-h2.jar");
        if (!Files.exists(jar)) {
          try (var zip = new ZipFile(runtime.resolve("payara-micro.jar").toFile());
              var in = zip.getInputStream(zip.getEntry("MICRO-INF/runtime/h2.jar"))) {
            Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
          }
        }
        driverClass = "org.h2.Driver";
        url = "jdbc:h2:" + h2.resolve("embedded_default");
        properties.put("user", "");
        properties.put("password", "");
      } else {
        var postgres = shared.postgres().orElseThrow();
        jar = runtime.resolve("postgresql.jar");
        driverClass = "org.postgresql.Driver";
        url =
            "jdbc:postgresql://%s:%d/%s"
                .formatted(postgres.host(), postgres.port(), postgresDatabase);
        properties.put("user", postgres.user());
        properties.put("password", postgres.password());
      }
      var loader =
          new URLClassLoader(new URL[] {jar.toUri().toURL()}, SecretsKeyIT.class.getClassLoader());
      var driver = (Driver) loader.loadClass(driverClass).getDeclaredConstructor().newInstance();
      var connection = driver.connect(url, properties);
      if (connection == null) {
        throw new SQLException("No connection to " + url);
      }
      return connection;
    }
  }
}
