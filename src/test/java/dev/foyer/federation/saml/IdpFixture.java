package dev.foyer.federation.saml;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.crypto.KeyGenerator;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.namespace.QName;
import org.keycloak.saml.processing.core.util.XMLEncryptionUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * A stand-in identity provider for the validator's unit tests: writes responses the way Keycloak,
 * Entra ID and ADFS do, and signs and encrypts them with real keys, so each test can make one
 * change and see it refused. The integration tests use a real Keycloak instead.
 */
final class IdpFixture {
  static final String IDP = "https://idp.example.test/realms/corp";
  static final String SP = "https://foyer.example.test/saml/acme/corp";
  static final String ACS = "https://foyer.example.test/auth/federation/callback/acme/corp";
  static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  static final KeyPair IDP_KEY = rsa();
  static final KeyPair OTHER_KEY = rsa();
  static final SpKey SP_KEY = SpKey.generate(SP, NOW);

  private IdpFixture() {}

  static KeyPair rsa() {
    try {
      var generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static SamlResponses.Expected expected() {
    return expected(Optional.of("REQ_1"));
  }

  static SamlResponses.Expected expected(Optional<String> requestId) {
    return expected(requestId, false, List.of(SP_KEY.privateKey()), NOW);
  }

  /** What the validator expects, with the parts a test changes. */
  static SamlResponses.Expected expected(
      Optional<String> requestId,
      boolean requireEncrypted,
      List<java.security.PrivateKey> decryptionKeys,
      Instant now) {
    return new SamlResponses.Expected(
        IDP,
        List.<PublicKey>of(IDP_KEY.getPublic()),
        SP,
        ACS,
        requestId,
        requireEncrypted,
        decryptionKeys,
        now,
        Duration.ofMinutes(2));
  }

  /** A response's text; {@code %s} parts are what tests change. */
  static String response(
      String responseId, String assertionId, String nameId, String audience, String inResponseTo) {
    return """
        <samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" \
        xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="%1$s" Version="2.0" \
        IssueInstant="2026-12-01T09:59:58Z" Destination="%6$s" InResponseTo="%5$s">\
        <saml:Issuer>%7$s</saml:Issuer>\
        <samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>\
        <saml:Assertion ID="%2$s" Version="2.0" IssueInstant="2026-12-01T09:59:58Z">\
        <saml:Issuer>%7$s</saml:Issuer>\
        <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress">%3$s</saml:NameID>\
        <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">\
        <saml:SubjectConfirmationData InResponseTo="%5$s" NotOnOrAfter="2026-12-01T10:05:00Z" Recipient="%6$s"/>\
        </saml:SubjectConfirmation></saml:Subject>\
        <saml:Conditions NotBefore="2026-12-01T09:59:00Z" NotOnOrAfter="2026-12-01T10:04:00Z">\
        <saml:AudienceRestriction><saml:Audience>%4$s</saml:Audience></saml:AudienceRestriction>\
        </saml:Conditions>\
        <saml:AuthnStatement AuthnInstant="2026-12-01T09:59:58Z" SessionIndex="S_1">\
        <saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml:AuthnContextClassRef></saml:AuthnContext>\
        </saml:AuthnStatement>\
        <saml:AttributeStatement>\
        <saml:Attribute Name="http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress" FriendlyName="email">\
        <saml:AttributeValue>%3$s</saml:AttributeValue></saml:Attribute>\
        <saml:Attribute Name="groups"><saml:AttributeValue>staff</saml:AttributeValue>\
        <saml:AttributeValue>research</saml:AttributeValue></saml:Attribute>\
        </saml:AttributeStatement>\
        </saml:Assertion></samlp:Response>"""
        .formatted(responseId, assertionId, nameId, audience, inResponseTo, ACS, IDP);
  }

  static Document genuine() {
    return parse(response("RESP_1", "ASSERT_1", "alice@example.test", SP, "REQ_1"));
  }

  static Document parse(String xml) {
    return SamlResponses.parse(xml.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static Element assertion(Document document) {
    return (Element) document.getElementsByTagNameNS(SamlXml.ASSERTION, "Assertion").item(0);
  }

  /** Signs the element (enveloped, after its Issuer) with the key, as identity providers do. */
  static void sign(Element element, KeyPair key) {
    sign(
        element,
        key,
        SignatureMethod.RSA_SHA256,
        DigestMethod.SHA256,
        "#" + element.getAttribute("ID"));
  }

  static void sign(Element element, KeyPair key, String method, String digest, String uri) {
    try {
      var ids = element.getOwnerDocument().getElementsByTagNameNS("*", "*");
      for (int i = 0; i < ids.getLength(); i++) {
        var each = (Element) ids.item(i);
        if (each.hasAttributeNS(null, "ID")) {
          each.setIdAttributeNS(null, "ID", true);
        }
      }
      var factory = XMLSignatureFactory.getInstance("DOM");
      var reference =
          factory.newReference(
              uri,
              factory.newDigestMethod(digest, null),
              List.of(
                  factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                  factory.newTransform(
                      CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
              null,
              null);
      var signedInfo =
          factory.newSignedInfo(
              factory.newCanonicalizationMethod(
                  CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
              factory.newSignatureMethod(method, null),
              List.of(reference));
      var keyInfo =
          factory
              .getKeyInfoFactory()
              .newKeyInfo(List.of(factory.getKeyInfoFactory().newKeyValue(key.getPublic())));
      var issuer = SamlXml.children(element, SamlXml.ASSERTION, "Issuer").get(0);
      var context = new DOMSignContext(key.getPrivate(), element, issuer.getNextSibling());
      context.setDefaultNamespacePrefix("ds");
      factory.newXMLSignature(signedInfo, keyInfo).sign(context);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Replaces the assertion by an EncryptedAssertion for the service provider's key. */
  static void encrypt(Document document) {
    try {
      var aes = KeyGenerator.getInstance("AES");
      aes.init(128);
      XMLEncryptionUtil.encryptElement(
          new QName(SamlXml.ASSERTION, "Assertion"),
          document,
          SP_KEY.certificate().getPublicKey(),
          aes.generateKey(),
          128,
          new QName(SamlXml.ASSERTION, "EncryptedAssertion", "saml"),
          true);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The document as it would be posted, parsed again (as Foyer would receive it). */
  static Document roundTrip(Document document) {
    return parse(SamlXml.write(document));
  }
}
