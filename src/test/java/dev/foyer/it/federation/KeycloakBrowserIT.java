package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.createEvent;
import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.Chromium;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.KeycloakServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The federation door as a person lives it (README "Federation"), in a real headless Chromium
 * against a real Keycloak: the space's button, Keycloak's own login form, and back into the space
 * signed in. Keycloak's client {@code foyer} requires PKCE S256, so a sign-in that lands proves
 * Foyer sent it; the flow cookie ({@code SameSite=Lax}) must come back on Keycloak's redirect, a
 * top-level navigation after the form's POST. Foyer and Keycloak both listen on 127.0.0.1, on two
 * ports: one site to the browser, where SameSite does not tell them apart; one test therefore
 * reaches Foyer as {@code localhost}, another site.
 */
@ExtendWith({FoyerServer.class, KeycloakServer.class})
class KeycloakBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  static Chromium chromium;

  @BeforeAll
  static void startBrowser() {
    chromium =
        Chromium.start(
            Path.of(
                "target",
                "chromedriver-keycloak-" + System.getProperty("foyer.it.db", "h2") + ".log"));
  }

  @AfterAll
  static void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  /** Each test signs in afresh: no Foyer session, no Keycloak session, no flow cookie left. */
  @BeforeEach
  void forgetEveryCookie() {
    ((ChromeDriver) chromium.driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
  }

  @Test
  void signsAliceInFromTheSpacesButtonThroughKeycloaksLoginForm(
      FoyerServer server, KeycloakServer keycloak) {
    var slug = createSpace(server);
    addKeycloak(server, keycloak, slug, "staff");
    var driver = chromium.driver();
    driver.get(server.uri("/spaces/" + slug).toString());
    assertThat(driver.findElements(By.cssSelector(".signed-out"))).hasSize(1);

    driver.findElement(By.cssSelector("a.idp-login.idp-staff")).click();
    var authorization = awaitLoginForm(driver, keycloak);
    assertThat(authorization)
        .contains("client_id=foyer")
        .contains("code_challenge=")
        .contains("code_challenge_method=S256");
    assertThat(flowCookie(driver))
        .as("the flow cookie as Chromium keeps it")
        .containsEntry("path", "/auth/federation/callback")
        .containsEntry("httpOnly", true)
        .containsEntry("sameSite", "Lax");
    signIn(driver, keycloak, "alice");

    awaitUrl(driver, server.uri("/spaces/" + slug).toString());
    assertThat(text(driver, ".greeting")).isEqualTo("Hello, alice!");
    driver.get(server.uri("/api/me?account=" + slug).toString());
    assertThat(status(driver)).as(page(driver)).isEqualTo(200);
    var me = Json.parse(driver.findElement(By.tagName("pre")).getText());
    assertThat(me.path("account").asText()).as(me.toString()).isEqualTo(slug);
    assertThat(me.path("member").path("username").asText()).as(me.toString()).isEqualTo("alice");
    assertThat(me.path("member").path("familyName").asText())
        .as(me.toString())
        .isEqualTo("Liddell");
    assertThat(me.path("member").path("email").asText())
        .as(me.toString())
        .isEqualTo("alice@example.test");
    assertThat(me.path("session").path("door").asText()).as(me.toString()).isEqualTo("federation");
  }

  @Test
  void takesAnEventLinkThroughKeycloakToTheEventPage(FoyerServer server, KeycloakServer keycloak) {
    var slug = createSpace(server);
    addKeycloak(server, keycloak, slug, "staff");
    var event = createEvent(server, slug, "Quarterly review", "SSO");
    var driver = chromium.driver();

    driver.get(server.uri("/auth/federation/" + slug + "/staff?eventid=" + event).toString());
    awaitLoginForm(driver, keycloak);
    signIn(driver, keycloak, "carol");

    awaitUrl(driver, server.uri("/spaces/" + slug + "/events/" + event).toString());
    assertThat(text(driver, ".event-title")).isEqualTo("Quarterly review");
    // The OIDC kind takes the nickname from `nickname`, which Keycloak does not send: the username.
    assertThat(text(driver, ".chat-name")).isEqualTo("carol");
  }

  /**
   * Foyer reached as {@code localhost}, Keycloak as {@code 127.0.0.1}: two sites to the browser, so
   * Keycloak's redirect back is a cross-site navigation, which carries the flow cookie because it
   * is {@code SameSite=Lax} ({@code Strict} would keep it back). Keycloak does not treat {@code
   * localhost} as a loopback redirect URI with any port, so this test registers a client of its own
   * with the exact one.
   */
  @Test
  void bringsTheFlowCookieBackOnKeycloaksCrossSiteRedirect(
      FoyerServer server, KeycloakServer keycloak) {
    var foyer = "http://localhost:" + server.baseUri().getPort();
    var slug = createSpace(server);
    var client = clientFor(keycloak, foyer + "/auth/federation/callback/" + slug + "/staff");
    addKeycloak(server, keycloak, slug, "staff", client);
    var driver = chromium.driver();
    driver.get(foyer + "/spaces/" + slug);

    driver.findElement(By.cssSelector("a.idp-login.idp-staff")).click();
    assertThat(awaitLoginForm(driver, keycloak))
        .contains("redirect_uri=" + encode(foyer + "/auth/federation/callback/" + slug + "/staff"));
    signIn(driver, keycloak, "bob");

    awaitUrl(driver, foyer + "/spaces/" + slug);
    assertThat(text(driver, ".greeting")).isEqualTo("Hello, bob!");
  }

  /**
   * Seed 002's "let users change their name": the username Keycloak asserts for Alice (here her
   * family name) is another member's, so Foyer asks her for another one on its own page; a taken
   * choice shows the page again with the reason, a free one finishes the sign-in.
   */
  @Test
  void asksAliceForAnotherUsernameWhenHersIsTakenAndSignsHerInWithIt(
      FoyerServer server, KeycloakServer keycloak) {
    var slug = createSpace(server);
    patchSpace(server, slug, "{\"conflicts\":{\"changeUsername\":true}}");
    addKeycloak(
        server,
        keycloak,
        slug,
        "staff",
        keycloak.client(),
        Json.object().put("username", "family_name"));
    var otherId = holdLiddell(server, keycloak, slug);
    var driver = chromium.driver();

    driver.get(server.uri("/spaces/" + slug).toString());
    driver.findElement(By.cssSelector("a.idp-login.idp-staff")).click();
    awaitLoginForm(driver, keycloak);
    signIn(driver, keycloak, "alice");
    await(driver, "the choice page", d -> !d.findElements(By.id("value")).isEmpty());

    assertThat(text(driver, "h1")).isEqualTo("Choose another username");
    assertThat(text(driver, "p.conflict"))
        .contains("Another member of")
        .contains("already has the username Liddell");
    assertThat(text(driver, "label[for=value]")).isEqualTo("Your username");
    assertThat(driver.findElements(By.cssSelector("[role=alert]"))).isEmpty();
    assertThat(allCookies(driver))
        .as("not signed in while the choice is open")
        .noneMatch(cookie -> ("foyer_" + slug).equals(cookie.get("name")));

    // Each refused try shows the page again (main's rule: up to 5 tries under the first hold); a
    // change that ended the sign-in on a refusal would fail here on the missing alert.
    var field = driver.findElement(By.id("value"));
    field.sendKeys("ab");
    field.submit();
    awaitRefusal(driver, "CNF3");
    assertThat(text(driver, "[role=alert]")).contains("(CNF3)");
    assertThat(driver.findElement(By.id("value")).getAttribute("value")).isEqualTo("ab");
    field = driver.findElement(By.id("value"));
    field.clear();
    field.sendKeys("LIDDELL");
    field.submit();
    awaitRefusal(driver, "CNF4");
    assertThat(text(driver, "[role=alert]"))
        .isEqualTo("Another member of this space has this username already. (CNF4)");
    assertThat(driver.findElement(By.id("value")).getAttribute("value")).isEqualTo("LIDDELL");
    assertThat(reconcile(server, slug, sub(keycloak, "alice"), "staff"))
        .as("no member for Alice while she chooses")
        .isEmpty();
    field = driver.findElement(By.id("value"));
    field.clear();
    field.sendKeys("alice-l");
    field.submit();

    awaitUrl(driver, server.uri("/spaces/" + slug).toString());
    driver.get(server.uri("/api/me?account=" + slug).toString());
    var me = Json.parse(driver.findElement(By.tagName("pre")).getText());
    assertThat(me.path("member").path("username").asText()).as(me.toString()).isEqualTo("alice-l");
    assertThat(me.path("member").path("email").asText()).isEqualTo("alice@example.test");
    var holder = reconcile(server, slug, otherId, "staff");
    assertThat(holder.path(0).path("username").asText()).isEqualTo("Liddell");
    assertThat(
            reconcile(server, slug, sub(keycloak, "alice"), "staff")
                .path(0)
                .path("username")
                .asText())
        .isEqualTo("alice-l");
  }

  /**
   * Seed 002's Test Integration as an administrator runs it: the link from the admin API opens
   * Keycloak's login, and Foyer's result page shows what Keycloak sent and what Foyer would do,
   * with every token masked, and signs no one in. The link works once.
   */
  @Test
  void showsTheTestIntegrationResultPageAndSignsNoOneIn(
      FoyerServer server, KeycloakServer keycloak) {
    var slug = createSpace(server);
    addKeycloak(server, keycloak, slug, "staff");
    var url = startTest(server, slug, "staff");
    var driver = chromium.driver();

    driver.get(url);
    awaitLoginForm(driver, keycloak);
    signIn(driver, keycloak, "carol");
    awaitReport(driver);

    var carol = sub(keycloak, "carol");
    assertThat(text(driver, "h1")).isEqualTo("Test Integration: staff");
    assertThat(text(driver, ".test-outcome")).isEqualTo("The sign-in works.");
    assertThat(text(driver, ".test-member")).isEqualTo("It would create a new member.");
    var attributes = rows(driver, ".test-attributes");
    assertThat(attributes)
        .as("field, key, the value it found")
        .contains(
            List.of("unique", "sub", carol),
            List.of("username", "preferred_username", "carol"),
            List.of("email", "email", "carol@example.test"),
            List.of("givenName", "given_name", "Carol"),
            List.of("familyName", "family_name", "Danvers"));
    var claims = Json.parse(text(driver, ".test-idTokenClaims"));
    assertThat(claims.path("iss").asText()).as(claims.toString()).isEqualTo(keycloak.issuer());
    assertThat(claims.path("sub").asText()).as(claims.toString()).isEqualTo(carol);
    assertThat(claims.path("aud").toString()).as(claims.toString()).contains("foyer");
    var userInfo = Json.parse(text(driver, ".test-userInfo"));
    assertThat(userInfo.path("sub").asText()).as(userInfo.toString()).isEqualTo(carol);
    assertThat(userInfo.path("preferred_username").asText()).isEqualTo("carol");
    assertThat(userInfo.path("email").asText()).isEqualTo("carol@example.test");
    // Keycloak's whole answer: the harmless members as they are, every token by its length.
    var tokens = Json.parse(text(driver, ".test-tokenResponse"));
    assertThat(tokens.path("token_type").asText())
        .as(tokens.toString())
        .isEqualToIgnoringCase("bearer");
    assertThat(tokens.path("expires_in").asText()).as(tokens.toString()).matches("\\d+");
    assertThat(tokens.path("scope").asText()).as(tokens.toString()).contains("openid");
    for (var token : List.of("access_token", "id_token", "refresh_token")) {
      assertThat(tokens.path(token).asText())
          .as(token + " in " + tokens)
          .matches("\u2022{4} \\(\\d{2,5} characters\\)");
    }
    // Keycloak's three tokens are JWTs: each one's header and payload start with eyJ ("{"), so a
    // page holding any of them, whole or its readable part, holds eyJ.
    assertThat(driver.getPageSource()).as("no token in the page").doesNotContain("eyJ");
    assertThat(allCookies(driver))
        .as("no session cookie for the space")
        .noneMatch(cookie -> ("foyer_" + slug).equals(cookie.get("name")));
    assertThat(reconcile(server, slug, carol, "staff")).as("no member created").isEmpty();

    driver.get(url);
    await(
        driver,
        "the refusal of a used link",
        d -> !d.findElements(By.cssSelector(".error-code")).isEmpty());
    assertThat(text(driver, ".error-code")).isEqualTo("FLOW1");
    assertThat(status(driver)).as(page(driver)).isGreaterThanOrEqualTo(400);
    assertThat(driver.getCurrentUrl()).startsWith(server.baseUri().toString());
  }

  /**
   * A test run as a person whose sign-in would conflict: the report names the conflict ({@code
   * CNF1}) where a real sign-in would be refused, and neither person's member changes.
   */
  @Test
  void reportsTheConflictATestSignInWouldMeet(FoyerServer server, KeycloakServer keycloak) {
    var slug = createSpace(server);
    addKeycloak(
        server,
        keycloak,
        slug,
        "staff",
        keycloak.client(),
        Json.object().put("username", "family_name"));
    var otherId = holdLiddell(server, keycloak, slug);
    var url = startTest(server, slug, "staff");
    var driver = chromium.driver();

    driver.get(url);
    awaitLoginForm(driver, keycloak);
    signIn(driver, keycloak, "alice");
    awaitReport(driver);

    assertThat(text(driver, "h1")).isEqualTo("Test Integration: staff");
    assertThat(text(driver, ".test-outcome")).startsWith("The sign-in would be refused: CNF1");
    assertThat(text(driver, ".error-code")).isEqualTo("CNF1");
    assertThat(driver.findElements(By.cssSelector(".test-member"))).isEmpty();
    assertThat(rows(driver, ".test-attributes"))
        .contains(List.of("username", "family_name", "Liddell"));
    assertThat(driver.findElements(By.id("value"))).as("no choice page in a test").isEmpty();
    assertThat(driver.getPageSource()).doesNotContain("eyJ");
    assertThat(allCookies(driver))
        .noneMatch(cookie -> ("foyer_" + slug).equals(cookie.get("name")));
    assertThat(reconcile(server, slug, sub(keycloak, "alice"), "staff")).isEmpty();
    assertThat(reconcile(server, slug, otherId, "staff").path(0).path("username").asText())
        .isEqualTo("Liddell");
  }

  /**
   * A new Keycloak user whose family name is Liddell, Alice's, signs in for real (the provider maps
   * {@code username} from {@code family_name}), so a member of the space holds the username {@code
   * Liddell}; returns that user's {@code sub}. Leaves the browser without cookies.
   */
  private static String holdLiddell(FoyerServer server, KeycloakServer keycloak, String slug) {
    var other = "liddell-" + hex(4);
    var user =
        Json.object()
            .put("username", other)
            .put("enabled", true)
            .put("email", other + "@example.test")
            .put("emailVerified", true)
            .put("firstName", "Lorina")
            .put("lastName", "Liddell");
    user.putArray("credentials")
        .addObject()
        .put("type", "password")
        .put("value", "secret-" + other)
        .put("temporary", false);
    var otherId = keycloak.createUser(user);
    var driver = chromium.driver();
    driver.get(server.uri("/auth/federation/" + slug + "/staff").toString());
    awaitLoginForm(driver, keycloak);
    signIn(driver, other, "secret-" + other);
    awaitUrl(driver, server.uri("/spaces/" + slug).toString());
    assertThat(reconcile(server, slug, otherId, "staff").path(0).path("username").asText())
        .isEqualTo("Liddell");
    ((ChromeDriver) driver).executeCdpCommand("Network.clearBrowserCookies", Map.of());
    return otherId;
  }

  /** An administrator's Test Integration link for the provider. */
  private static String startTest(FoyerServer server, String slug, String alias) {
    var started =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/identity-providers/" + alias + "/tests",
            "{}");
    assertThat(started.statusCode()).as(describe(started)).isEqualTo(201);
    var body = Json.parse(started);
    assertThat(body.path("expiresAt").isMissingNode()).as(body.toString()).isFalse();
    return body.path("url").asText();
  }

  private static void awaitReport(WebDriver driver) {
    await(
        driver, "the result page", d -> !d.findElements(By.cssSelector(".test-outcome")).isEmpty());
  }

  /** Waits for the choice page shown again with the refusal {@code code}. */
  private static void awaitRefusal(WebDriver driver, String code) {
    await(
        driver,
        "the refusal " + code + " on the choice page",
        d ->
            d.findElements(By.cssSelector("[role=alert]")).stream()
                .anyMatch(alert -> alert.getText().contains("(" + code + ")")));
  }

  /** A table's body rows, each as its cells' texts (the header row left out). */
  private static List<List<String>> rows(WebDriver driver, String table) {
    text(driver, table);
    return driver.findElements(By.cssSelector(table + " tr")).stream()
        .map(
            row -> row.findElements(By.tagName("td")).stream().map(cell -> cell.getText()).toList())
        .filter(cells -> !cells.isEmpty())
        .toList();
  }

  /** Waits for Keycloak's login form and returns the authorization request it shows it for. */
  private static String awaitLoginForm(WebDriver driver, KeycloakServer keycloak) {
    await(
        driver,
        "Keycloak's login form",
        d ->
            d.getCurrentUrl().startsWith(keycloak.issuer() + "/")
                && !d.findElements(By.id("kc-login")).isEmpty());
    return driver.getCurrentUrl();
  }

  private static void signIn(WebDriver driver, KeycloakServer keycloak, String user) {
    signIn(driver, user, keycloak.password(user));
  }

  private static void signIn(WebDriver driver, String user, String password) {
    driver.findElement(By.name("username")).sendKeys(user);
    driver.findElement(By.name("password")).sendKeys(password);
    driver.findElement(By.id("kc-login")).click();
  }

  private static void awaitUrl(WebDriver driver, String url) {
    await(driver, url, d -> url.equals(d.getCurrentUrl()));
  }

  private static void await(
      WebDriver driver, String what, java.util.function.Function<WebDriver, Boolean> condition) {
    try {
      new WebDriverWait(driver, WAIT).until(condition::apply);
    } catch (org.openqa.selenium.TimeoutException e) {
      throw new AssertionError("Waited " + WAIT + " for " + what + "; " + page(driver), e);
    }
  }

  private static String text(WebDriver driver, String css) {
    var found = driver.findElements(By.cssSelector(css));
    assertThat(found).as(css + " on " + page(driver)).isNotEmpty();
    return found.get(0).getText();
  }

  /** The HTTP status of the page the browser shows (Navigation Timing Level 2). */
  private static long status(WebDriver driver) {
    return (Long)
        ((JavascriptExecutor) driver)
            .executeScript("return performance.getEntriesByType('navigation')[0].responseStatus;");
  }

  /**
   * The {@code foyer-flow} cookie in Chromium's jar, as DevTools describes it (WebDriver shows only
   * the cookies of the current page's path).
   */
  private static Map<String, Object> flowCookie(WebDriver driver) {
    var all = allCookies(driver);
    return all.stream()
        .filter(cookie -> "foyer-flow".equals(cookie.get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("No foyer-flow cookie in " + all));
  }

  /** Every cookie in Chromium's jar, as DevTools describes them. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> allCookies(WebDriver driver) {
    return (List<Map<String, Object>>)
        ((ChromeDriver) driver).executeCdpCommand("Network.getAllCookies", Map.of()).get("cookies");
  }

  private static String page(WebDriver driver) {
    var body = driver.findElements(By.tagName("body"));
    var text = body.isEmpty() ? driver.getPageSource() : body.get(0).getText();
    return "the browser is at "
        + driver.getCurrentUrl()
        + ", showing: "
        + (text.length() > 1500 ? text.substring(0, 1500) + "..." : text);
  }

  private static void addKeycloak(
      FoyerServer server, KeycloakServer keycloak, String slug, String alias) {
    addKeycloak(server, keycloak, slug, alias, keycloak.client());
  }

  private static void addKeycloak(
      FoyerServer server,
      KeycloakServer keycloak,
      String slug,
      String alias,
      KeycloakServer.Client client) {
    addKeycloak(server, keycloak, slug, alias, client, Json.object());
  }

  private static void addKeycloak(
      FoyerServer server,
      KeycloakServer keycloak,
      String slug,
      String alias,
      KeycloakServer.Client client,
      com.fasterxml.jackson.databind.node.ObjectNode attributeKeys) {
    var body =
        Json.object()
            .put("alias", alias)
            .put("kind", "OIDC")
            .put("buttonLabel", "Sign in with your staff account")
            .put("issuer", keycloak.issuer())
            .put("clientId", client.id())
            .put("clientSecret", client.secret());
    if (!attributeKeys.isEmpty()) {
      body.set("attributeKeys", attributeKeys);
    }
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/identity-providers",
            Json.write(body));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
  }

  private static void patchSpace(FoyerServer server, String slug, String json) {
    var patched = send(server, server.adminToken(), "PATCH", "/api/admin/spaces/" + slug, json);
    assertThat(patched.statusCode()).as(describe(patched)).isEqualTo(200);
  }

  /** The user's id in Keycloak: the ID token's {@code sub}. */
  private static String sub(KeycloakServer keycloak, String user) {
    var users = keycloak.admin("GET", "/users?exact=true&username=" + user, null);
    return Json.parse(users.body()).path(0).path("id").asText();
  }

  /** A new confidential client of the realm, PKCE S256 required as for {@code foyer}. */
  private static KeycloakServer.Client clientFor(KeycloakServer keycloak, String redirectUri) {
    var client = new KeycloakServer.Client("foyer-" + hex(5), hex(16));
    var representation =
        Json.object()
            .put("clientId", client.id())
            .put("secret", client.secret())
            .put("protocol", "openid-connect")
            .put("publicClient", false)
            .put("standardFlowEnabled", true)
            .put("directAccessGrantsEnabled", false);
    representation.putArray("redirectUris").add(redirectUri);
    representation.putObject("attributes").put("pkce.code.challenge.method", "S256");
    var created = keycloak.admin("POST", "/clients", Json.write(representation));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return client;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
