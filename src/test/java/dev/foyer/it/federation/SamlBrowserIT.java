package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.createSpace;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.Chromium;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.KeycloakServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * SAML sign-in as a person lives it, in a real headless Chromium against a real Keycloak. Foyer is
 * reached as {@code localhost} and Keycloak as {@code 127.0.0.1}: two sites, so Keycloak's page
 * posts the response to Foyer's assertion consumer service cross-site, and Chromium sends no {@code
 * SameSite=Lax} cookie with that POST (the flow cookie stays behind): the sign-in lands only
 * because Foyer finds the flow by {@code RelayState} and {@code InResponseTo}.
 */
@ExtendWith({FoyerServer.class, KeycloakServer.class})
class SamlBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  static Chromium chromium;

  @BeforeAll
  static void startBrowser() {
    chromium =
        Chromium.start(
            Path.of(
                "target", "chromedriver-saml-" + System.getProperty("foyer.it.db", "h2") + ".log"));
  }

  @AfterAll
  static void stopBrowser() {
    if (chromium != null) {
      chromium.close();
    }
  }

  @BeforeEach
  void forgetEveryCookie() {
    ((ChromeDriver) chromium.driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
  }

  @Test
  void signsAliceInFromTheSpacesButtonWithTheRedirectBinding(
      FoyerServer server, KeycloakServer keycloak) {
    signsIn(server, keycloak, false, "alice", "Hello, Alice Liddell!");
  }

  /**
   * Foyer's own page posts the signed AuthnRequest to Keycloak: its script is Foyer's, and the
   * Content-Security-Policy lets that one form go to Keycloak's origin.
   */
  @Test
  void signsCarolInWithThePostBindingThroughFoyersOwnPage(
      FoyerServer server, KeycloakServer keycloak) {
    signsIn(server, keycloak, true, "carol", "Hello, Carol Danvers!");
  }

  private static void signsIn(
      FoyerServer server, KeycloakServer keycloak, boolean post, String user, String greeting) {
    var foyer = "http://localhost:" + server.baseUri().getPort();
    var slug = createSpace(server);
    SamlSignInIT.addSaml(
        server, keycloak, slug, "corp", post, SamlSignInIT.Signing.ASSERTION, Map.of(), foyer);
    var driver = chromium.driver();
    driver.get(foyer + "/spaces/" + slug);

    driver.findElement(By.cssSelector("a.idp-login.idp-corp")).click();
    await(
        driver,
        "Keycloak's login form",
        d ->
            d.getCurrentUrl().startsWith(keycloak.issuer() + "/")
                && !d.findElements(By.id("kc-login")).isEmpty());
    driver.findElement(By.name("username")).sendKeys(user);
    driver.findElement(By.name("password")).sendKeys(keycloak.password(user));
    driver.findElement(By.id("kc-login")).click();

    await(
        driver,
        foyer + "/spaces/" + slug,
        d -> (foyer + "/spaces/" + slug).equals(d.getCurrentUrl()));
    assertThat(driver.findElement(By.cssSelector(".greeting")).getText()).isEqualTo(greeting);
    driver.get(foyer + "/api/me?account=" + slug);
    var me = Json.parse(driver.findElement(By.tagName("pre")).getText());
    assertThat(me.path("member").path("email").asText()).isEqualTo(user + "@example.test");
    assertThat(me.path("session").path("door").asText()).isEqualTo("federation");
  }

  private static void await(
      WebDriver driver, String what, java.util.function.Function<WebDriver, Boolean> condition) {
    try {
      new WebDriverWait(driver, WAIT).until(condition::apply);
    } catch (org.openqa.selenium.TimeoutException e) {
      var body = driver.findElements(By.tagName("body"));
      throw new AssertionError(
          "Waited "
              + WAIT
              + " for "
              + what
              + "; the browser is at "
              + driver.getCurrentUrl()
              + ", showing: "
              + (body.isEmpty() ? driver.getPageSource() : body.get(0).getText()),
          e);
    }
  }
}
