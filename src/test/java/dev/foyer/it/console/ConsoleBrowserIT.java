package dev.foyer.it.console;

import static dev.foyer.it.support.Names.slug;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.AdminApi;
import dev.foyer.it.support.Chromium;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.KeycloakServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console as an operator uses it, in a real headless Chromium (README "Operator
 * console"): signed in through Keycloak, the operator creates a space with an event and an OpenID
 * Connect provider, runs Test Integration, finds a participant who signed in among the members and
 * ends their sessions, reads the sign-ins, exports the space and imports it again. Every page is
 * checked for the basics of accessibility (each field labelled, each button named, Tab moving
 * through the controls) and photographed into {@code target/console-*.png}. The console is the same
 * on either database, so this runs on H2 only.
 */
@ExtendWith({FoyerServer.class, KeycloakServer.class, ConsoleServer.class})
@EnabledIfSystemProperty(named = "foyer.it.db", matches = "h2")
class ConsoleBrowserIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static FoyerServer server;
  private static Chromium chromium;
  private static Path downloads;

  @BeforeAll
  static void start(ConsoleServer console) throws IOException {
    server = console.server();
    chromium = Chromium.start(Path.of("target", "chromedriver-console.log"));
    chromium.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));
    downloads = Files.createDirectories(Path.of("target", "console-downloads").toAbsolutePath());
    ((ChromeDriver) chromium.driver())
        .executeCdpCommand(
            "Browser.setDownloadBehavior",
            Map.of("behavior", "allow", "downloadPath", downloads.toString()));
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
  }

  /** Each test starts signed out of the console and of Keycloak. */
  @BeforeEach
  void forgetEveryCookie() {
    ((ChromeDriver) chromium.driver()).executeCdpCommand("Network.clearBrowserCookies", Map.of());
  }

  @Test
  void anOperatorSetsUpASpaceAndLooksAfterItsMembers(KeycloakServer keycloak) throws Exception {
    var driver = chromium.driver();
    driver.get(server.baseUri() + "/console/");
    heading(driver, "Sign in");
    accessible(driver, "sign-in");
    driver.findElement(By.linkText("Sign in with your organisation")).click();
    waitFor(driver, "Keycloak's login form", d -> !d.findElements(By.id("kc-login")).isEmpty());
    driver.findElement(By.name("username")).sendKeys("olivia");
    driver.findElement(By.name("password")).sendKeys(keycloak.password("olivia"));
    driver.findElement(By.id("kc-login")).click();
    heading(driver, "Spaces");
    assertThat(driver.findElement(By.id("operator")).getText()).contains("Olivia Operator");
    accessible(driver, "spaces");

    var slug = slug();
    driver.findElement(By.name("slug")).sendKeys(slug);
    driver.findElement(By.name("name")).sendKeys("Console Café");
    driver.findElement(By.xpath("//button[text()='Create space']")).click();
    heading(driver, "Console Café");
    assertThat(driver.findElement(By.cssSelector("[role=alert] .secret")).getText())
        .as("the signing secret, shown once")
        .hasSizeGreaterThan(20);

    driver.findElement(By.name("title")).sendKeys("Town hall");
    driver.findElement(By.xpath("//button[text()='Add event']")).click();
    mainSays(driver, "Town hall");
    accessible(driver, "space");

    // An OpenID Connect provider, disabled until Test Integration shows what it sends.
    driver.findElement(By.linkText("Add an identity provider")).click();
    heading(driver, "New identity provider");
    driver.findElement(By.name("alias")).sendKeys("corp");
    driver.findElement(By.name("displayName")).sendKeys("Corp SSO");
    // Inline validation: a plain-http issuer elsewhere than this machine is shown at its field.
    driver.findElement(By.name("issuer")).sendKeys("http://idp.example.com/realms/x");
    driver.findElement(By.xpath("//button[text()='Add provider']")).click();
    waitFor(
        driver,
        "the issuer's note",
        d ->
            d.findElement(By.cssSelector("[name=issuer] + .field-error"))
                .getText()
                .contains("https"));
    assertThat(driver.findElement(By.name("issuer")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    driver.findElement(By.name("issuer")).clear();
    driver.findElement(By.name("issuer")).sendKeys(keycloak.issuer());
    driver.findElement(By.name("clientId")).sendKeys(keycloak.client().id());
    driver.findElement(By.name("clientSecret")).sendKeys(keycloak.client().secret());
    accessible(driver, "provider");
    driver.findElement(By.xpath("//button[text()='Add provider']")).click();
    heading(driver, "Corp SSO");
    mainSays(driver, "/auth/federation/callback/" + slug + "/corp");
    var console = driver.getWindowHandle();
    driver.findElement(By.xpath("//button[text()='Test Integration']")).click();
    waitFor(driver, "the Test Integration window", d -> d.getWindowHandles().size() == 2);
    for (var window : driver.getWindowHandles()) {
      if (!window.equals(console)) {
        driver.switchTo().window(window);
      }
    }
    // Olivia's Keycloak session signs her straight through: the report shows what Keycloak sent.
    waitFor(
        driver,
        "the Test Integration report",
        d -> d.findElement(By.tagName("body")).getText().contains("Test Integration"));
    assertThat(driver.findElement(By.tagName("body")).getText()).contains("olivia@example.test");
    screenshot(driver, "test-integration");
    driver.close();
    driver.switchTo().window(console);

    // A participant signs in through URI Auth; the operator finds them and ends their sessions.
    var uid = "crm-" + slug;
    AdminApi.signInMember(server, slug, uid);
    driver.get(server.baseUri() + "/console/#/spaces/" + slug + "/members?q=" + uid);
    heading(driver, "Members of " + slug);
    waitFor(
        driver,
        "a member found",
        d -> !d.findElements(By.cssSelector("main tbody tr a")).isEmpty());
    accessible(driver, "members");
    driver.findElement(By.cssSelector("main tbody tr a")).click();
    mainSays(driver, uid);
    assertThat(driver.findElement(By.tagName("main")).getText()).contains("uri-auth");
    accessible(driver, "member");
    driver.findElement(By.xpath("//button[text()='End all sessions']")).click();
    waitFor(
        driver, "sessions ended", d -> d.findElement(By.id("status")).getText().contains("ended"));
    mainSays(driver, "No open sessions.");

    driver.get(server.baseUri() + "/console/#/spaces/" + slug + "/sign-ins");
    heading(driver, "Sign-ins of " + slug);
    mainSays(driver, "accepted");
    waitFor(
        driver,
        "the chart",
        d -> !d.findElements(By.cssSelector("figure.chart svg rect")).isEmpty());
    accessible(driver, "sign-ins");

    // Export the space, then import that file over it: the same configuration again.
    driver.get(server.baseUri() + "/console/#/spaces/" + slug);
    heading(driver, "Console Café");
    driver.findElement(By.xpath("//button[text()='Export configuration']")).click();
    var exported = downloads.resolve(slug + ".foyer.json");
    waitFor(driver, "the exported file", d -> Files.exists(exported));
    var document = Json.parse(Files.readString(exported));
    assertThat(document.toString())
        .contains("Town hall")
        .contains("corp")
        .doesNotContain(keycloak.client().secret());
    driver.findElement(By.cssSelector("input[type=file]")).sendKeys(exported.toString());
    driver.findElement(By.xpath("//button[text()='Import']")).click();
    waitFor(driver, "imported", d -> d.findElement(By.id("status")).getText().contains("imported"));
    heading(driver, "Console Café");
    mainSays(driver, "Town hall");

    driver.findElement(By.xpath("//button[text()='Sign out']")).click();
    heading(driver, "Sign in");
  }

  @Test
  void aRefusalShowsItsCodeLinkedToItsExplanation() {
    var driver = chromium.driver();
    driver.get(ConsoleSessionIT.link(server, server.adminToken()));
    driver.findElement(By.xpath("//button[text()='Sign in to the console']")).click();
    heading(driver, "Spaces");
    driver.findElement(By.name("slug")).sendKeys(slug());
    driver.findElement(By.name("name")).sendKeys("\u200b");
    driver.findElement(By.xpath("//button[text()='Create space']")).click();
    waitFor(
        driver, "a refusal", d -> !d.findElements(By.cssSelector("#status .msg.bad a")).isEmpty());
    var explanation = driver.findElement(By.cssSelector("#status .msg.bad a"));
    var code = explanation.getText().replace("What ", "").replace(" means", "");
    assertThat(explanation.getAttribute("href")).endsWith("/errors#" + code.toLowerCase());
    driver.get(explanation.getAttribute("href"));
    assertThat(driver.findElement(By.id(code.toLowerCase())).getText()).contains(code);
  }

  private static void heading(WebDriver driver, String text) {
    waitFor(
        driver,
        "the heading " + text,
        d -> {
          var headings = d.findElements(By.cssSelector("main h1"));
          return !headings.isEmpty() && headings.get(0).getText().equals(text);
        });
  }

  private static void mainSays(WebDriver driver, String text) {
    waitFor(driver, text, d -> d.findElement(By.tagName("main")).getText().contains(text));
  }

  /** Waits; when it never comes, says what the page showed instead. */
  private static void waitFor(
      WebDriver driver, String what, java.util.function.Function<WebDriver, Boolean> condition) {
    try {
      // The console redraws its page after each call: an element may go while it is read.
      new WebDriverWait(driver, WAIT)
          .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
          .until(condition::apply);
    } catch (org.openqa.selenium.TimeoutException e) {
      screenshot(driver, "failed");
      var shown = driver.findElements(By.tagName("body"));
      throw new AssertionError(
          "Waited for "
              + what
              + " at "
              + driver.getCurrentUrl()
              + "; the page showed: "
              + (shown.isEmpty() ? driver.getPageSource() : shown.get(0).getText()),
          e);
    }
  }

  /**
   * Every visible field has a label (its own {@code <label>} or an {@code aria-label}), every
   * button a name, and Tab moves the focus through the page's controls; a screenshot before the Tab
   * keys move anything.
   */
  @SuppressWarnings("unchecked")
  private static void accessible(WebDriver driver, String page) {
    var script = (JavascriptExecutor) driver;
    var unlabelled =
        (List<String>)
            script.executeScript(
                "return [...document.querySelectorAll('input,select,textarea')]"
                    + ".filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length)"
                    + " && !e.getAttribute('aria-label')).map(e => e.name || e.outerHTML);");
    assertThat(unlabelled).as("fields without a label on the %s page", page).isEmpty();
    var nameless =
        (List<String>)
            script.executeScript(
                "return [...document.querySelectorAll('button, a')]"
                    + ".filter(b => !b.textContent.trim() && !b.getAttribute('aria-label'))"
                    + ".map(b => b.outerHTML);");
    assertThat(nameless).as("buttons and links without a name on the %s page", page).isEmpty();
    screenshot(driver, page);
    script.executeScript("document.activeElement && document.activeElement.blur()");
    var focused = new ArrayList<String>();
    for (int i = 0; i < 6; i++) {
      driver.switchTo().activeElement().sendKeys(Keys.TAB);
      focused.add(
          (String)
              script.executeScript(
                  "var e = document.activeElement;"
                      + " return e.tagName + ':' + (e.name || e.textContent || '').trim();"));
    }
    assertThat(focused.stream().distinct().count())
        .as("Tab moves through the controls of the %s page: %s", page, focused)
        .isGreaterThan(3);
  }

  private static void screenshot(WebDriver driver, String page) {
    ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
    try {
      Files.write(
          Path.of("target", "console-" + page + ".png"),
          ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
