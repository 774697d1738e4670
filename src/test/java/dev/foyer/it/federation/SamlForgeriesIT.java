package dev.foyer.it.federation;

import static dev.foyer.it.federation.SamlSignInIT.DSIG;
import static dev.foyer.it.federation.SamlSignInIT.PROTOCOL;
import static dev.foyer.it.federation.SamlSignInIT.SAML;
import static dev.foyer.it.federation.SamlSignInIT.addSaml;
import static dev.foyer.it.federation.SamlSignInIT.assertRefusal;
import static dev.foyer.it.federation.SamlSignInIT.decode;
import static dev.foyer.it.federation.SamlSignInIT.encode;
import static dev.foyer.it.federation.SamlSignInIT.first;
import static dev.foyer.it.federation.SamlSignInIT.forged;
import static dev.foyer.it.federation.SamlSignInIT.location;
import static dev.foyer.it.federation.SamlSignInIT.post;
import static dev.foyer.it.federation.SamlSignInIT.query;
import static dev.foyer.it.federation.SamlSignInIT.throughKeycloak;
import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import dev.foyer.it.federation.SamlSignInIT.Provider;
import dev.foyer.it.federation.SamlSignInIT.Signing;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.KeycloakServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;

/**
 * Forgeries of SAML responses, each made from a genuine Keycloak 26 response and each refused with
 * no member and no session: changed content under a signature, the signature removed, extra
 * assertions, the signed assertion wrapped into {@code Extensions} or {@code Advice}, another
 * sign-in's or another provider's response, another audience, an unsolicited response.
 */
// The refusals are Foyer's validation and flow checks, the same on either database; the database's
// part of a SAML sign-in (flows, single use, members) runs on both in SamlSignInIT and
// SamlLogoutIT.
@EnabledIfSystemProperty(
    named = "foyer.it.db",
    matches = "h2",
    disabledReason = "Database-independent refusals: run once, on H2, to keep the suite's time")
@ExtendWith({FoyerServer.class, KeycloakServer.class})
class SamlForgeriesIT {

  @Test
  void refusesAChangedNameId(FoyerServer server, KeycloakServer keycloak) {
    assertForgeryRefused(
        server,
        keycloak,
        Signing.RESPONSE,
        document -> first(document, SAML, "NameID").setTextContent("carol"),
        "SML2SIG1");
  }

  @Test
  void refusesAChangedAttributeUnderAnAssertionSignature(
      FoyerServer server, KeycloakServer keycloak) {
    assertForgeryRefused(
        server,
        keycloak,
        Signing.ASSERTION,
        document -> first(document, SAML, "AttributeValue").setTextContent("mallory@evil.test"),
        "SML2SIG1");
  }

  @Test
  void refusesTheSignatureRemoved(FoyerServer server, KeycloakServer keycloak) {
    assertForgeryRefused(
        server,
        keycloak,
        Signing.ASSERTION,
        document -> {
          var signature = first(document, DSIG, "Signature");
          signature.getParentNode().removeChild(signature);
        },
        "SML2SIG1");
  }

  @Test
  void refusesAnUnsignedAssertionBeforeTheSignedOne(FoyerServer server, KeycloakServer keycloak) {
    assertForgeryRefused(
        server,
        keycloak,
        Signing.ASSERTION,
        document -> {
          var signed = first(document, SAML, "Assertion");
          signed.getParentNode().insertBefore(forged(signed, "FORGED_1"), signed);
        },
        "SML2XSW1");
  }

  @Test
  void refusesAnUnsignedAssertionAfterTheSignedOne(FoyerServer server, KeycloakServer keycloak) {
    assertForgeryRefused(
        server,
        keycloak,
        Signing.ASSERTION,
        document -> {
          var signed = first(document, SAML, "Assertion");
          signed.getParentNode().appendChild(forged(signed, "FORGED_1"));
        },
        "SML2XSW1");
  }

  @Test
  void refusesTheSignedAssertionMovedIntoExtensionsUnderAForgedOne(
      FoyerServer server, KeycloakServer keycloak) {
    assertForgeryRefused(
        server,
        keycloak,
        Signing.ASSERTION,
        document -> {
          var response = document.getDocumentElement();
          var signed = first(document, SAML, "Assertion");
          var forged = forged(signed, signed.getAttribute("ID"));
          var extensions = document.createElementNS(PROTOCOL, "samlp:Extensions");
          response.insertBefore(extensions, first(document, PROTOCOL, "Status"));
          response.replaceChild(forged, signed);
          extensions.appendChild(signed);
        },
        "SML2XSW1");
  }

  @Test
  void refusesTheSignedAssertionMovedIntoAForgedOnesAdvice(
      FoyerServer server, KeycloakServer keycloak) {
    assertForgeryRefused(
        server,
        keycloak,
        Signing.ASSERTION,
        document -> {
          var signed = first(document, SAML, "Assertion");
          var forged = forged(signed, signed.getAttribute("ID"));
          document.getDocumentElement().replaceChild(forged, signed);
          var advice = document.createElementNS(SAML, "saml:Advice");
          forged.insertBefore(advice, first(forged, SAML, "Conditions").getNextSibling());
          advice.appendChild(signed);
        },
        "SML2XSW1");
  }

  @Test
  void refusesAResponseToAnotherSignInsRequest(FoyerServer server, KeycloakServer keycloak) {
    var provider = addSaml(server, keycloak, createSpace(server), "corp", false, Signing.RESPONSE);
    var attacker = server.browser();
    var attackers = throughKeycloak(attacker, keycloak, provider, "carol");
    var victim = server.browser().json();
    var victimEntry = victim.get(provider.entry());
    var victimRelayState = query(location(victimEntry), "RelayState");
    var fields = new LinkedHashMap<>(attackers.fields());
    fields.put("RelayState", victimRelayState);

    var refused = post(victim, provider, fields);

    assertRefusal(refused, 403, "SML2IRT1");
    assertThat(reconcile(server, provider.slug(), "carol", "corp")).isEmpty();
  }

  @Test
  void refusesAnotherProvidersResponseUnderThisProvidersFlow(
      FoyerServer server, KeycloakServer keycloak) {
    var slug = createSpace(server);
    var corp = addSaml(server, keycloak, slug, "corp", false, Signing.RESPONSE);
    var partners = addSaml(server, keycloak, slug, "partners", false, Signing.RESPONSE);
    var browser = server.browser().json();
    var partnersAnswer = throughKeycloak(browser, keycloak, partners, "carol");
    var corpEntry = browser.get(corp.entry());
    var fields = new LinkedHashMap<>(partnersAnswer.fields());
    fields.put("RelayState", query(location(corpEntry), "RelayState"));

    // Keycloak's response to partners, posted to corp's own address under corp's flow: addressed
    // to partners' service (and answering partners' request).
    var refused = post(browser, corp, fields);

    assertRefusal(refused, 403, "SML2DST1");
    assertThat(reconcile(server, slug, "carol", "corp")).isEmpty();
    assertThat(reconcile(server, slug, "carol", "partners")).isEmpty();
  }

  /** The identity provider addresses its assertions to an entity id that is not Foyer's. */
  @Test
  void refusesAnAssertionForAnotherAudience(FoyerServer server, KeycloakServer keycloak) {
    var provider = addSaml(server, keycloak, createSpace(server), "corp", false, Signing.RESPONSE);
    var browser = server.browser().json();
    var posted = throughKeycloak(browser, keycloak, provider, "alice");
    var changed =
        send(
            server,
            server.adminToken(),
            "PATCH",
            "/api/admin/spaces/" + provider.slug() + "/identity-providers/corp",
            "{\"spEntityId\":\"urn:foyer:it:renamed\"}");
    assertThat(changed.statusCode()).as(describe(changed)).isEqualTo(200);

    var refused = post(browser, provider, posted.fields());

    assertRefusal(refused, 403, "SML2NIA1");
    assertThat(reconcile(server, provider.slug(), "alice", "corp")).isEmpty();
  }

  @Test
  void refusesAResponseForAnotherProviderAtThatProvidersAddress(
      FoyerServer server, KeycloakServer keycloak) {
    var slug = createSpace(server);
    var corp = addSaml(server, keycloak, slug, "corp", false, Signing.RESPONSE);
    addSaml(server, keycloak, slug, "partners", false, Signing.RESPONSE);
    var browser = server.browser().json();
    var corpAnswer = throughKeycloak(browser, keycloak, corp, "carol");

    var refused = post(browser, new Provider(slug, "partners", null, null), corpAnswer.fields());

    assertRefusal(refused, 400, "FLOW4");
    assertThat(reconcile(server, slug, "carol", "corp")).isEmpty();
  }

  @Test
  void refusesAnUnsolicitedResponseUnlessTheProviderAcceptsThem(
      FoyerServer server, KeycloakServer keycloak) {
    var provider = addSaml(server, keycloak, createSpace(server), "corp", false, Signing.RESPONSE);
    var browser = server.browser().json();
    var posted = throughKeycloak(browser, keycloak, provider, "alice");
    var document = decode(posted.fields().get("SAMLResponse"));
    document.getDocumentElement().removeAttribute("InResponseTo");

    var refused = post(browser, provider, Map.of("SAMLResponse", encode(document)));

    assertRefusal(refused, 403, "SML2IDP1");
    assertThat(reconcile(server, provider.slug(), "alice", "corp")).isEmpty();
  }

  static void assertForgeryRefused(
      FoyerServer server,
      KeycloakServer keycloak,
      Signing signing,
      Consumer<Document> forge,
      String code) {
    var provider = addSaml(server, keycloak, createSpace(server), "corp", false, signing);
    var browser = server.browser().json();
    var posted = throughKeycloak(browser, keycloak, provider, "alice");
    var document = decode(posted.fields().get("SAMLResponse"));
    forge.accept(document);
    var fields = new LinkedHashMap<>(posted.fields());
    fields.put("SAMLResponse", encode(document));

    var refused = post(browser, provider, fields);

    assertRefusal(refused, 403, code);
    assertThat(reconcile(server, provider.slug(), "alice", "corp")).isEmpty();
    assertThat(reconcile(server, provider.slug(), "mallory", "corp")).isEmpty();
  }
}
