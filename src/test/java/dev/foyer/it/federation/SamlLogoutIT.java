package dev.foyer.it.federation;

import static dev.foyer.it.federation.SamlSignInIT.addSaml;
import static dev.foyer.it.federation.SamlSignInIT.assertRefusal;
import static dev.foyer.it.federation.SamlSignInIT.location;
import static dev.foyer.it.federation.SamlSignInIT.post;
import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.KeycloakServer;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * SAML single logout against a real Keycloak 26, both ways: a person who signs out of Foyer is sent
 * to Keycloak with Foyer's signed LogoutRequest and back, Keycloak's session ended too; Keycloak's
 * own LogoutRequest (its admin signing the person out) ends the person's Foyer session. An unsigned
 * LogoutRequest ends nothing.
 */
@ExtendWith({FoyerServer.class, KeycloakServer.class})
class SamlLogoutIT {

  record SignedIn(
      SamlSignInIT.Provider provider, Browser browser, KeycloakServer.UserAgent keycloakAgent) {}

  @Test
  void signingOutOfFoyerSignsOutOfKeycloakToo(FoyerServer server, KeycloakServer keycloak) {
    var in = signIn(server, keycloak, "alice");
    var slug = in.provider().slug();

    var out = in.browser().postForm("/auth/logout", Map.of("account", slug));

    assertThat(out.statusCode()).as(describe(out)).isEqualTo(303);
    var toKeycloak = URI.create(out.headers().firstValue("Location").orElseThrow());
    assertThat(toKeycloak.toString())
        .startsWith(keycloak.issuer() + "/protocol/saml?SAMLRequest=")
        .contains("&SigAlg=")
        .contains("&Signature=");
    assertThat(me(in.browser(), slug).statusCode()).isEqualTo(401);
    var keycloakAnswer = in.keycloakAgent().get(toKeycloak);
    var back = toFoyer(in.browser(), keycloakAnswer);
    assertThat(back.statusCode()).as(describe(back)).isEqualTo(303);
    assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/spaces/" + slug);
    // Keycloak's session ended too: the same user agent is asked to sign in again.
    var again = in.keycloakAgent().page(location(in.browser().get(in.provider().entry())));
    assertThat(again.statusCode()).as(describe(again)).isEqualTo(200);
    assertThat(again.body()).contains("kc-form-login");
  }

  @Test
  void keycloaksLogoutRequestEndsTheFoyerSession(FoyerServer server, KeycloakServer keycloak) {
    var in = signIn(server, keycloak, "carol");
    var slug = in.provider().slug();
    assertThat(me(in.browser(), slug).statusCode()).isEqualTo(200);

    // Keycloak's admin signs Carol out: Keycloak sends its LogoutRequest to Foyer's logout address.
    var loggedOut = keycloak.admin("POST", "/users/" + userId(keycloak, "carol") + "/logout", null);

    assertThat(loggedOut.statusCode()).as(loggedOut.body()).isEqualTo(204);
    assertThat(me(in.browser(), slug).statusCode()).isEqualTo(401);
  }

  @Test
  void anUnsignedLogoutRequestEndsNothing(FoyerServer server, KeycloakServer keycloak) {
    var in = signIn(server, keycloak, "alice");
    var slug = in.provider().slug();
    var logoutRequest =
        """
        <samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" \
        xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="ID_forged" Version="2.0" \
        IssueInstant="%s"><saml:Issuer>%s</saml:Issuer><saml:NameID>alice</saml:NameID>\
        </samlp:LogoutRequest>"""
            .formatted(Instant.now(), keycloak.issuer());
    var attacker = server.browser().json();

    var refused =
        attacker.get(
            "/auth/federation/logout/"
                + slug
                + "/corp?SAMLRequest="
                + URLEncoder.encode(deflated(logoutRequest), StandardCharsets.UTF_8));

    assertRefusal(refused, 403, "SML2SIG1");
    assertThat(me(in.browser(), slug).statusCode()).isEqualTo(200);
  }

  /** Alice signed in to a space through a SAML provider whose Keycloak client logs out to Foyer. */
  private static SignedIn signIn(FoyerServer server, KeycloakServer keycloak, String user) {
    var slug = createSpace(server);
    var logout = server.baseUri() + "/auth/federation/logout/" + slug + "/corp";
    var provider =
        addSaml(
            server,
            keycloak,
            slug,
            "corp",
            false,
            SamlSignInIT.Signing.RESPONSE,
            Map.of(
                "saml_single_logout_service_url_redirect", logout,
                "saml_single_logout_service_url_post", logout));
    var browser = server.browser();
    var agent = keycloak.userAgent();
    var entry = browser.get(provider.entry());
    var posted = agent.samlSignIn(location(entry), user, keycloak.password(user));
    var signedIn = post(browser, provider, posted.fields());
    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
    assertThat(me(browser, slug).statusCode()).isEqualTo(200);
    return new SignedIn(provider, browser, agent);
  }

  /** Keycloak's answer goes back to Foyer: a redirect, or a page whose form posts to Foyer. */
  private static HttpResponse<String> toFoyer(Browser browser, HttpResponse<String> keycloak) {
    if (keycloak.statusCode() == 302 || keycloak.statusCode() == 303) {
      return browser.get(keycloak.headers().firstValue("Location").orElseThrow());
    }
    var form = KeycloakServer.UserAgent.form(keycloak);
    return browser.postForm(form.action().getRawPath(), form.fields());
  }

  private static HttpResponse<String> me(Browser browser, String slug) {
    return browser.json().get("/api/me?account=" + slug);
  }

  private static String userId(KeycloakServer keycloak, String user) {
    var users = keycloak.admin("GET", "/users?exact=true&username=" + user, null);
    return Json.parse(users.body()).path(0).path("id").asText();
  }

  private static String deflated(String xml) {
    var deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(xml.getBytes(StandardCharsets.UTF_8));
    deflater.finish();
    var out = new ByteArrayOutputStream();
    var buffer = new byte[4096];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }
}
