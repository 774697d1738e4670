package dev.foyer.it.federation;

import static dev.foyer.it.support.AdminApi.createSpace;
import static dev.foyer.it.support.AdminApi.reconcile;
import static dev.foyer.it.support.AdminApi.send;
import static dev.foyer.it.support.Names.hex;
import static dev.foyer.it.support.Refusals.assertProblem;
import static dev.foyer.it.support.Refusals.describe;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.foyer.it.support.Browser;
import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.Json;
import dev.foyer.it.support.KeycloakServer;
import dev.foyer.it.support.KeycloakServer.UserAgent.FormPost;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * SAML 2.0 sign-in against a real Keycloak 26 as the identity provider: Foyer's metadata read by
 * URL, signed AuthnRequests over HTTP-Redirect and HTTP-POST (Keycloak requires the signature),
 * responses signed whole, assertions signed alone (the Entra ID / ADFS default) and encrypted, the
 * attribute keys reading Keycloak's attributes. Then forgeries, each made from a genuine Keycloak
 * response and each refused with no member and no session.
 */
@ExtendWith({FoyerServer.class, KeycloakServer.class})
class SamlSignInIT {
  static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
  static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
  static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";

  /** How Keycloak signs and encrypts for one Foyer provider. */
  record Signing(boolean response, boolean assertion, boolean encrypt) {
    static final Signing RESPONSE = new Signing(true, false, false);
    static final Signing ASSERTION = new Signing(false, true, false);
    static final Signing ENCRYPTED = new Signing(false, true, true);
  }

  /** A SAML provider in a space of Foyer's, and its client in Keycloak. */
  record Provider(String slug, String alias, String spEntityId, String acs) {
    String entry() {
      return "/auth/federation/" + slug + "/" + alias;
    }

    String callback() {
      return "/auth/federation/callback/" + slug + "/" + alias;
    }
  }

  @Test
  void signsAliceInWithTheRedirectBindingAndAResponseSignature(
      FoyerServer server, KeycloakServer keycloak) {
    var provider = addSaml(server, keycloak, createSpace(server), "corp", false, Signing.RESPONSE);
    var browser = server.browser();

    var posted = throughKeycloak(browser, keycloak, provider, "alice");
    var signedIn = post(browser, provider, posted.fields());

    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElseThrow())
        .endsWith("/spaces/" + provider.slug());
    var alice = member(server, provider, "alice");
    assertThat(alice.path("email").asText()).isEqualTo("alice@example.test");
    assertThat(alice.path("givenName").asText()).isEqualTo("Alice");
    assertThat(alice.path("familyName").asText()).isEqualTo("Liddell");
  }

  @Test
  void signsAliceInWithThePostBindingAndOnlyTheAssertionSigned(
      FoyerServer server, KeycloakServer keycloak) {
    var provider = addSaml(server, keycloak, createSpace(server), "corp", true, Signing.ASSERTION);
    var browser = server.browser();

    var posted = throughKeycloak(browser, keycloak, provider, "alice");
    var document = decode(posted.fields().get("SAMLResponse"));
    assertThat(children(document.getDocumentElement(), DSIG, "Signature")).isZero();
    var signedIn = post(browser, provider, posted.fields());

    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
    assertThat(member(server, provider, "alice").path("email").asText())
        .isEqualTo("alice@example.test");
  }

  @Test
  void decryptsAnEncryptedAssertion(FoyerServer server, KeycloakServer keycloak) {
    var provider = addSaml(server, keycloak, createSpace(server), "corp", false, Signing.ENCRYPTED);
    var browser = server.browser();

    var posted = throughKeycloak(browser, keycloak, provider, "carol");
    var document = decode(posted.fields().get("SAMLResponse"));
    assertThat(document.getElementsByTagNameNS(SAML, "EncryptedAssertion").getLength()).isOne();
    assertThat(document.getElementsByTagNameNS(SAML, "Assertion").getLength()).isZero();
    var signedIn = post(browser, provider, posted.fields());

    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
    assertThat(member(server, provider, "carol").path("email").asText())
        .isEqualTo("carol@example.test");
  }

  @Test
  void publishesTheServiceProviderMetadataWithItsCertificate(
      FoyerServer server, KeycloakServer keycloak) {
    var provider = addSaml(server, keycloak, createSpace(server), "corp", false, Signing.ENCRYPTED);

    var metadata = server.browser().get("/auth/federation/metadata/" + provider.slug() + "/corp");

    assertThat(metadata.statusCode()).as(describe(metadata)).isEqualTo(200);
    assertThat(metadata.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/samlmetadata+xml");
    var view = view(server, provider);
    assertThat(metadata.body())
        .contains("entityID=\"" + provider.spEntityId() + "\"")
        .contains("Location=\"" + provider.acs() + "\"")
        .contains(view.path("saml").path("spKeys").path(0).path("certificate").asText())
        .contains("use=\"encryption\"");
  }

  @Test
  void refusesAReplayedResponse(FoyerServer server, KeycloakServer keycloak) {
    var provider = addSaml(server, keycloak, createSpace(server), "corp", false, Signing.RESPONSE);
    var browser = server.browser();
    var posted = throughKeycloak(browser, keycloak, provider, "alice");
    var first = post(browser, provider, posted.fields());
    assertThat(first.statusCode()).as(describe(first)).isEqualTo(302);
    var attacker = server.browser().json();

    var replayed = post(attacker, provider, posted.fields());

    // The flow its RelayState named is used up.
    assertRefusal(replayed, 400, "FLOW1");
  }

  /** Keycloak's assertions live 1 s here; the test server allows 5 s of skew. */
  @Test
  void refusesAnExpiredAssertion(FoyerServer server, KeycloakServer keycloak)
      throws InterruptedException {
    var provider =
        addSaml(
            server,
            keycloak,
            createSpace(server),
            "corp",
            false,
            Signing.RESPONSE,
            Map.of("saml.assertion.lifespan", "1"));
    var browser = server.browser().json();
    var posted = throughKeycloak(browser, keycloak, provider, "alice");
    Thread.sleep(7_000);

    var refused = post(browser, provider, posted.fields());

    assertRefusal(refused, 403, "SML2IT1");
    assertThat(reconcile(server, provider.slug(), "alice", "corp")).isEmpty();
  }

  /**
   * Keycloak rolls its realm key: the next response is signed by a key Foyer's stored metadata does
   * not hold, and Foyer reads the metadata again instead of refusing it.
   */
  @Test
  void readsTheMetadataAgainWhenKeycloakSignsWithANewKey(
      FoyerServer server, KeycloakServer keycloak) {
    var provider = addSaml(server, keycloak, createSpace(server), "corp", false, Signing.RESPONSE);
    var component = keycloak.addSigningKey("saml-rotated-" + hex(4), 2000);
    try {
      var browser = server.browser();
      var posted = throughKeycloak(browser, keycloak, provider, "alice");

      var signedIn = post(browser, provider, posted.fields());

      assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
      assertThat(member(server, provider, "alice").path("email").asText())
          .isEqualTo("alice@example.test");
      assertThat(view(server, provider).path("saml").path("metadataReadAt").asText()).isNotEmpty();
    } finally {
      keycloak.removeKey(component);
    }
  }

  /**
   * A key rotation without a gap: the new key is published (and decrypts) while the old one still
   * signs, so Keycloak, which trusts the old certificate, goes on signing people in; once Keycloak
   * has the new certificate the overlap ends and the new key signs.
   */
  @Test
  void rotatesTheServiceProviderKeyWhileKeycloakGoesOnSigningPeopleIn(
      FoyerServer server, KeycloakServer keycloak) {
    var provider = addSaml(server, keycloak, createSpace(server), "corp", false, Signing.ENCRYPTED);
    var before = view(server, provider).path("saml").path("spKeys");
    var path = "/api/admin/spaces/" + provider.slug() + "/identity-providers/corp/saml-keys";

    var rotated = send(server, server.adminToken(), "POST", path, null);

    assertThat(rotated.statusCode()).as(describe(rotated)).isEqualTo(201);
    var keys = Json.parse(rotated).path("saml").path("spKeys");
    assertThat(keys).hasSize(2);
    assertThat(keys.path(0).path("current").asBoolean()).isTrue();
    assertThat(keys.path(0).path("signing").asBoolean()).isFalse();
    assertThat(keys.path(1).path("id").asText()).isEqualTo(before.path(0).path("id").asText());
    assertThat(keys.path(1).path("signing").asBoolean()).isTrue();
    var browser = server.browser();
    var during =
        post(browser, provider, throughKeycloak(browser, keycloak, provider, "alice").fields());
    assertThat(during.statusCode()).as(describe(during)).isEqualTo(302);

    // Keycloak gets the new certificate (signing and encryption), then the overlap ends.
    var clients =
        keycloak.admin(
            "GET",
            "/clients?clientId="
                + java.net.URLEncoder.encode(provider.spEntityId(), StandardCharsets.UTF_8),
            null);
    var client =
        (com.fasterxml.jackson.databind.node.ObjectNode) Json.parse(clients.body()).path(0);
    var certificate = keys.path(0).path("certificate").asText();
    ((com.fasterxml.jackson.databind.node.ObjectNode) client.path("attributes"))
        .put("saml.signing.certificate", certificate)
        .put("saml.encryption.certificate", certificate);
    var updated =
        keycloak.admin("PUT", "/clients/" + client.path("id").asText(), Json.write(client));
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(204);
    var ended = send(server, server.adminToken(), "DELETE", path + "/previous", null);
    assertThat(ended.statusCode()).as(describe(ended)).isEqualTo(204);

    var after = server.browser();
    var signedIn =
        post(after, provider, throughKeycloak(after, keycloak, provider, "carol").fields());

    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
    assertThat(view(server, provider).path("saml").path("spKeys")).hasSize(1);
  }

  /**
   * IdP-initiated sign-in, where the provider allows it: Keycloak's own sign-in address for the
   * client posts an unsolicited response (no request, no flow) that signs Alice in; used once.
   */
  @Test
  void signsAliceInWhenKeycloakStartsTheSignInAndTheProviderAllowsIt(
      FoyerServer server, KeycloakServer keycloak) {
    var name = "foyer-" + hex(4);
    var provider =
        addSaml(
            server,
            keycloak,
            createSpace(server),
            "corp",
            false,
            Signing.ASSERTION,
            Map.of("saml_idp_initiated_sso_url_name", name));
    var allowed =
        send(
            server,
            server.adminToken(),
            "PATCH",
            "/api/admin/spaces/" + provider.slug() + "/identity-providers/corp",
            "{\"idpInitiated\":true}");
    assertThat(allowed.statusCode()).as(describe(allowed)).isEqualTo(200);
    var browser = server.browser();

    var posted =
        keycloak
            .userAgent()
            .samlSignIn(
                URI.create(keycloak.issuer() + "/protocol/saml/clients/" + name),
                "alice",
                keycloak.password("alice"));
    assertThat(
            decode(posted.fields().get("SAMLResponse"))
                .getDocumentElement()
                .hasAttribute("InResponseTo"))
        .isFalse();
    var signedIn = post(browser, provider, posted.fields());
    var replayed = post(server.browser().json(), provider, posted.fields());

    assertThat(signedIn.statusCode()).as(describe(signedIn)).isEqualTo(302);
    assertThat(member(server, provider, "alice").path("email").asText())
        .isEqualTo("alice@example.test");
    assertRefusal(replayed, 409, "SML2REP1");
  }

  /** Test Integration: the real sign-in, the assertion shown as read, nothing written. */
  @Test
  void testIntegrationShowsTheAssertionAndWritesNothing(
      FoyerServer server, KeycloakServer keycloak) {
    var provider = addSaml(server, keycloak, createSpace(server), "corp", true, Signing.ENCRYPTED);
    var link =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + provider.slug() + "/identity-providers/corp/tests",
            null);
    assertThat(link.statusCode()).as(describe(link)).isEqualTo(201);
    var browser = server.browser().json();
    var page = browser.get(Json.parse(link).path("url").asText());
    assertThat(page.statusCode()).as(describe(page)).isEqualTo(200);
    var posted =
        keycloak
            .userAgent()
            .samlSignIn(KeycloakServer.UserAgent.form(page), "alice", keycloak.password("alice"));

    var report = post(browser, provider, posted.fields());

    assertThat(report.statusCode()).as(describe(report)).isEqualTo(200);
    var json = Json.parse(report);
    assertThat(json.path("outcome").asText()).isEqualTo("would-sign-in");
    assertThat(json.path("samlAssertion").path("NameID").asText()).isEqualTo("alice");
    assertThat(json.path("samlAssertion").path("email").asText()).isEqualTo("alice@example.test");
    assertThat(json.path("samlAssertion").path("urn:oid:1.2.840.113549.1.9.1").asText())
        .isEqualTo("alice@example.test");
    assertThat(json.path("samlAssertion").path("groups").asText()).isEqualTo("staff");
    assertThat(reconcile(server, provider.slug(), "alice", "corp")).isEmpty();
  }

  /** A username conflict, as for OAuth: the space refuses it (CNF1) and writes nothing. */
  @Test
  void refusesAnEmailTakenByAnotherMemberAsForOauth(FoyerServer server, KeycloakServer keycloak) {
    var slug = createSpace(server);
    var provider = addSaml(server, keycloak, slug, "corp", false, Signing.RESPONSE);
    var other = addSaml(server, keycloak, slug, "other", false, Signing.RESPONSE);
    var first = server.browser();
    var firstIn = post(first, other, throughKeycloak(first, keycloak, other, "alice").fields());
    assertThat(firstIn.statusCode()).as(describe(firstIn)).isEqualTo(302);
    send(
        server,
        server.adminToken(),
        "PATCH",
        "/api/admin/spaces/" + slug + "/identity-providers/other",
        "{\"trustedEmails\":false}");
    send(
        server,
        server.adminToken(),
        "PATCH",
        "/api/admin/spaces/" + slug + "/identity-providers/corp",
        "{\"trustedEmails\":false}");
    var browser = server.browser().json();

    var refused =
        post(browser, provider, throughKeycloak(browser, keycloak, provider, "alice").fields());

    assertRefusal(refused, 409, "CNF2");
    assertThat(reconcile(server, slug, "alice", "corp")).isEmpty();
  }

  /** Refused with the code, and no cookie set: no session. */
  static void assertRefusal(HttpResponse<String> response, int status, String code) {
    assertProblem(response, status, code);
    assertThat(response.headers().allValues("Set-Cookie")).as(describe(response)).isEmpty();
  }

  /** Foyer's entry, Keycloak's login, and the form Keycloak's page posts back to Foyer. */
  static FormPost throughKeycloak(
      Browser browser, KeycloakServer keycloak, Provider provider, String user) {
    var entry = browser.get(provider.entry());
    Object request;
    if (entry.statusCode() == 200) {
      // HTTP-POST binding: Foyer's page posts the signed request to Keycloak.
      request = KeycloakServer.UserAgent.form(entry);
    } else {
      assertThat(entry.statusCode()).as(describe(entry)).isEqualTo(302);
      request = location(entry);
    }
    var posted = keycloak.userAgent().samlSignIn(request, user, keycloak.password(user));
    assertThat(posted.action().toString()).endsWith(provider.callback());
    return posted;
  }

  /** The form as Keycloak's page posts it, from Keycloak's origin (a cross-site POST). */
  static HttpResponse<String> post(Browser browser, Provider provider, Map<String, String> fields) {
    return browser.postForm(provider.callback(), fields, "Sec-Fetch-Site", "cross-site");
  }

  /**
   * A SAML provider of the space reading Keycloak's realm metadata by URL, and its client in
   * Keycloak made from Foyer's view (entity id, assertion consumer service, certificate).
   */
  static Provider addSaml(
      FoyerServer server,
      KeycloakServer keycloak,
      String slug,
      String alias,
      boolean post,
      Signing signing) {
    return addSaml(server, keycloak, slug, alias, post, signing, Map.of());
  }

  static Provider addSaml(
      FoyerServer server,
      KeycloakServer keycloak,
      String slug,
      String alias,
      boolean post,
      Signing signing,
      Map<String, String> keycloakAttributes) {
    return addSaml(server, keycloak, slug, alias, post, signing, keycloakAttributes, null);
  }

  /**
   * @param keycloakAttributes extra attributes of the Keycloak client
   * @param foyerOrigin the origin the browser reaches Foyer at, when not the tests' own (the
   *     assertion consumer service Keycloak accepts is on it)
   */
  static Provider addSaml(
      FoyerServer server,
      KeycloakServer keycloak,
      String slug,
      String alias,
      boolean post,
      Signing signing,
      Map<String, String> keycloakAttributes,
      String foyerOrigin) {
    var spEntityId = "urn:foyer:it:" + slug + ":" + alias + ":" + hex(4);
    var body =
        Json.object()
            .put("alias", alias)
            .put("kind", "SAML")
            .put("samlMetadataUrl", keycloak.issuer() + "/protocol/saml/descriptor")
            .put("spEntityId", spEntityId)
            .put("authnRequestBinding", post ? "POST" : "REDIRECT")
            .put("encryptedAssertions", signing.encrypt())
            .put("trustedEmails", true)
            .set("attributeKeys", Json.object().put("groups", "groups"));
    var created =
        send(
            server,
            server.adminToken(),
            "POST",
            "/api/admin/spaces/" + slug + "/identity-providers",
            Json.write(body));
    assertThat(created.statusCode()).as(describe(created)).isEqualTo(201);
    var saml = Json.parse(created).path("saml");
    var acs =
        foyerOrigin == null
            ? saml.path("assertionConsumerServiceUrl").asText()
            : foyerOrigin + "/auth/federation/callback/" + slug + "/" + alias;
    var certificate = saml.path("spKeys").path(0).path("certificate").asText();
    var client = Json.object().put("clientId", spEntityId).put("protocol", "saml");
    client.put("enabled", true).putArray("redirectUris").add(acs);
    // Keycloak tells Foyer of a logout by a back-channel LogoutRequest (SamlLogoutIT).
    client.put("frontchannelLogout", false);
    var attributes = client.putObject("attributes");
    attributes.put("saml.authnstatement", "true");
    attributes.put("saml.server.signature", String.valueOf(signing.response()));
    attributes.put("saml.assertion.signature", String.valueOf(signing.assertion()));
    attributes.put("saml.client.signature", "true");
    attributes.put("saml.signing.certificate", certificate);
    attributes.put("saml.encrypt", String.valueOf(signing.encrypt()));
    if (signing.encrypt()) {
      attributes.put("saml.encryption.certificate", certificate);
    }
    attributes.put("saml.signature.algorithm", "RSA_SHA256");
    attributes.put("saml_name_id_format", "username");
    attributes.put("saml_force_name_id_format", "true");
    attributes.put("saml_assertion_consumer_url_post", acs);
    attributes.put("saml.force.post.binding", "true");
    keycloakAttributes.forEach(attributes::put);
    var mappers = client.putArray("protocolMappers");
    mappers.add(property("email", "email", "urn:oid:1.2.840.113549.1.9.1"));
    mappers.add(property("firstName", "givenName", "urn:oid:2.5.4.42"));
    mappers.add(property("lastName", "surname", "urn:oid:2.5.4.4"));
    var groups =
        mappers
            .addObject()
            .put("name", "groups")
            .put("protocol", "saml")
            .put("protocolMapper", "saml-group-membership-mapper");
    groups
        .putObject("config")
        .put("attribute.name", "groups")
        .put("single", "false")
        .put("full.path", "false")
        .put("attribute.nameformat", "Basic");
    var registered = keycloak.admin("POST", "/clients", Json.write(client));
    assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
    return new Provider(slug, alias, spEntityId, acs);
  }

  private static JsonNode property(String attribute, String friendly, String name) {
    var mapper =
        Json.object()
            .put("name", friendly)
            .put("protocol", "saml")
            .put("protocolMapper", "saml-user-property-mapper");
    mapper
        .putObject("config")
        .put("user.attribute", attribute)
        .put("friendly.name", friendly)
        .put("attribute.name", name)
        .put("attribute.nameformat", "URI Reference");
    return mapper;
  }

  static JsonNode view(FoyerServer server, Provider provider) {
    var view =
        send(
            server,
            server.adminToken(),
            "GET",
            "/api/admin/spaces/" + provider.slug() + "/identity-providers/" + provider.alias(),
            null);
    assertThat(view.statusCode()).as(describe(view)).isEqualTo(200);
    return Json.parse(view);
  }

  static JsonNode member(FoyerServer server, Provider provider, String nameId) {
    var found = reconcile(server, provider.slug(), nameId, provider.alias());
    assertThat(found).as("the member linked to " + nameId).hasSize(1);
    return found.path(0);
  }

  static URI location(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(describe(response)).isEqualTo(302);
    return URI.create(response.headers().firstValue("Location").orElseThrow());
  }

  static String query(URI uri, String name) {
    for (var pair : uri.getRawQuery().split("&")) {
      if (pair.startsWith(name + "=")) {
        return java.net.URLDecoder.decode(
            pair.substring(name.length() + 1), StandardCharsets.UTF_8);
      }
    }
    throw new AssertionError("no " + name + " in " + uri);
  }

  static Document decode(String samlResponse) {
    try {
      var factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory
          .newDocumentBuilder()
          .parse(new ByteArrayInputStream(Base64.getMimeDecoder().decode(samlResponse)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String encode(Document document) {
    try {
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
      var out = new StringWriter();
      transformer.transform(new DOMSource(document), new StreamResult(out));
      return Base64.getEncoder().encodeToString(out.toString().getBytes(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Element first(Document document, String ns, String local) {
    return (Element) document.getElementsByTagNameNS(ns, local).item(0);
  }

  static Element first(Element element, String ns, String local) {
    return (Element) element.getElementsByTagNameNS(ns, local).item(0);
  }

  static int children(Element parent, String ns, String local) {
    int count = 0;
    for (var child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element
          && ns.equals(element.getNamespaceURI())
          && local.equals(element.getLocalName())) {
        count++;
      }
    }
    return count;
  }

  /** An unsigned copy of the assertion naming Mallory. */
  static Element forged(Element signed, String id) {
    var forged = (Element) signed.cloneNode(true);
    forged.setAttribute("ID", id);
    for (var child = forged.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element
          && DSIG.equals(element.getNamespaceURI())
          && "Signature".equals(element.getLocalName())) {
        forged.removeChild(element);
        break;
      }
    }
    first(forged, SAML, "NameID").setTextContent("mallory");
    return forged;
  }
}
