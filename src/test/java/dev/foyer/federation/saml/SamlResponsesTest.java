package dev.foyer.federation.saml;

import static dev.foyer.federation.saml.IdpFixture.ACS;
import static dev.foyer.federation.saml.IdpFixture.IDP_KEY;
import static dev.foyer.federation.saml.IdpFixture.NOW;
import static dev.foyer.federation.saml.IdpFixture.OTHER_KEY;
import static dev.foyer.federation.saml.IdpFixture.SP;
import static dev.foyer.federation.saml.IdpFixture.assertion;
import static dev.foyer.federation.saml.IdpFixture.encrypt;
import static dev.foyer.federation.saml.IdpFixture.expected;
import static dev.foyer.federation.saml.IdpFixture.genuine;
import static dev.foyer.federation.saml.IdpFixture.parse;
import static dev.foyer.federation.saml.IdpFixture.response;
import static dev.foyer.federation.saml.IdpFixture.roundTrip;
import static dev.foyer.federation.saml.IdpFixture.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.problems.GatewayProblem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The SAML response validator against the forgeries a wrapping attacker, a replaying one and a
 * careless identity provider produce; each starts from a genuinely signed response.
 */
class SamlResponsesTest {

  @Test
  void acceptsAnAssertionSignedAloneAsEntraIdAndAdfsSendIt() {
    var document = genuine();
    sign(assertion(document), IDP_KEY);

    var accepted = SamlResponses.validate(roundTrip(document), expected());

    assertThat(accepted.nameId()).isEqualTo("alice@example.test");
    assertThat(accepted.assertionId()).isEqualTo("ASSERT_1");
    assertThat(accepted.sessionIndex()).contains("S_1");
    assertThat(accepted.nameIdFormat())
        .contains("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
    assertThat(accepted.attributes())
        .extracting(SamlResponses.Attribute::name)
        .containsExactly(
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", "groups");
    assertThat(accepted.attributes().get(0).friendlyName()).contains("email");
    assertThat(accepted.attributes().get(1).values()).containsExactly("staff", "research");
    // Kept used until the earlier of the two expiries (conditions 10:04), plus the skew.
    assertThat(accepted.keepUntil()).isEqualTo(NOW.plus(Duration.ofMinutes(6)));
    assertThat(accepted.encrypted()).isFalse();
  }

  @Test
  void acceptsAResponseSignedAsAWhole() {
    var document = genuine();
    sign(document.getDocumentElement(), IDP_KEY);

    assertThat(SamlResponses.validate(roundTrip(document), expected()).nameId())
        .isEqualTo("alice@example.test");
  }

  @Test
  void acceptsBothSigned() {
    var document = genuine();
    sign(assertion(document), IDP_KEY);
    sign(document.getDocumentElement(), IDP_KEY);

    assertThat(SamlResponses.validate(roundTrip(document), expected()).assertionId())
        .isEqualTo("ASSERT_1");
  }

  @Test
  void decryptsAnEncryptedSignedAssertionWithTheServiceProvidersKey() {
    var document = genuine();
    sign(assertion(document), IDP_KEY);
    encrypt(document);
    sign(document.getDocumentElement(), IDP_KEY);
    var posted = roundTrip(document);
    assertThat(posted.getElementsByTagNameNS(SamlXml.ASSERTION, "Assertion").getLength()).isZero();

    var accepted = SamlResponses.validate(posted, encryptedOnly());

    assertThat(accepted.nameId()).isEqualTo("alice@example.test");
    assertThat(accepted.encrypted()).isTrue();
  }

  @Test
  void refusesAPlainAssertionWhenEncryptionIsRequired() {
    var document = genuine();
    sign(assertion(document), IDP_KEY);

    assertRefused(document, encryptedOnly(), "SML2ENC1");
  }

  @Test
  void refusesAnAssertionEncryptedForAnotherKey() {
    var document = genuine();
    sign(assertion(document), IDP_KEY);
    encrypt(document);
    var other = SpKey.generate("other", NOW);
    var wrongKey = expected(Optional.of("REQ_1"), true, List.of(other.privateKey()), NOW);

    assertRefused(document, wrongKey, "SML2ENC1");
  }

  @Test
  void acceptsASignInTheIdentityProviderStartedOnlyWithoutInResponseTo() {
    var document = parse(response("RESP_1", "ASSERT_1", "alice@example.test", SP, "X"));
    strip(document, "InResponseTo");
    sign(assertion(document), IDP_KEY);

    assertThat(SamlResponses.validate(roundTrip(document), expected(Optional.empty())).nameId())
        .isEqualTo("alice@example.test");
  }

  @Test
  void refusesAnAnswerToARequestWhenTheIdentityProviderStartedTheSignIn() {
    var document = genuine();
    sign(assertion(document), IDP_KEY);

    assertRefused(document, expected(Optional.empty()), "SML2IRT1");
  }

  @Test
  void refusesAnUnsignedResponse() {
    assertRefused(genuine(), expected(), "SML2SIG1");
  }

  @Test
  void refusesAChangedNameId() {
    var document = genuine();
    sign(assertion(document), IDP_KEY);
    document
        .getElementsByTagNameNS(SamlXml.ASSERTION, "NameID")
        .item(0)
        .setTextContent("mallory@example.test");

    assertRefused(document, expected(), "SML2SIG1");
  }

  @Test
  void refusesAChangedAttributeUnderAResponseSignature() {
    var document = genuine();
    sign(document.getDocumentElement(), IDP_KEY);
    document
        .getElementsByTagNameNS(SamlXml.ASSERTION, "AttributeValue")
        .item(1)
        .setTextContent("admins");

    assertRefused(document, expected(), "SML2SIG1");
  }

  @Test
  void refusesASignatureByAnotherKeyEvenWithThatKeyInKeyInfo() {
    var document = genuine();
    sign(assertion(document), OTHER_KEY);

    assertRefused(document, expected(), "SML2SIG1");
  }

  @Test
  void refusesTheSignatureRemovedFromASignedAssertion() {
    var document = genuine();
    sign(assertion(document), IDP_KEY);
    var signature = document.getElementsByTagNameNS(SamlXml.DSIG, "Signature").item(0);
    signature.getParentNode().removeChild(signature);

    assertRefused(document, expected(), "SML2SIG1");
  }

  @Test
  void refusesAResponseSignatureThatReferencesTheAssertionInstead() {
    var document = genuine();
    sign(
        document.getDocumentElement(),
        IDP_KEY,
        SignatureMethod.RSA_SHA256,
        DigestMethod.SHA256,
        "#ASSERT_1");

    assertRefused(document, expected(), "SML2SIG1");
  }

  @Test
  void refusesSha1Signatures() {
    var document = genuine();
    sign(
        assertion(document),
        IDP_KEY,
        "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
        DigestMethod.SHA1,
        "#ASSERT_1");

    assertRefused(document, expected(), "SML2SIG1");
  }

  @Test
  void refusesAnExtraUnsignedAssertionBeforeTheSignedOne() {
    var document = genuine();
    var signed = assertion(document);
    sign(signed, IDP_KEY);
    var forged = forgedCopy(signed, "FORGED_1");
    signed.getParentNode().insertBefore(forged, signed);

    assertRefused(document, expected(), "SML2XSW1");
  }

  @Test
  void refusesAnExtraUnsignedAssertionAfterTheSignedOne() {
    var document = genuine();
    var signed = assertion(document);
    sign(signed, IDP_KEY);
    signed.getParentNode().appendChild(forgedCopy(signed, "FORGED_1"));

    assertRefused(document, expected(), "SML2XSW1");
  }

  /** The classic wrapping: the genuine assertion hidden in Extensions, a forged one in its ID. */
  @Test
  void refusesTheSignedAssertionMovedIntoExtensionsWithAForgedOneUnderItsId() {
    var document = genuine();
    var signed = assertion(document);
    sign(signed, IDP_KEY);
    var response = document.getDocumentElement();
    var forged = forgedCopy(signed, "ASSERT_1");
    var extensions = document.createElementNS(SamlXml.PROTOCOL, "samlp:Extensions");
    response.insertBefore(extensions, response.getFirstChild().getNextSibling());
    response.replaceChild(forged, signed);
    extensions.appendChild(signed);

    assertRefused(document, expected(), "SML2XSW1");
  }

  @Test
  void refusesTheSignedAssertionMovedIntoTheForgedAssertionsAdvice() {
    var document = genuine();
    var signed = assertion(document);
    sign(signed, IDP_KEY);
    var forged = forgedCopy(signed, "ASSERT_1");
    document.getDocumentElement().replaceChild(forged, signed);
    var advice = document.createElementNS(SamlXml.ASSERTION, "saml:Advice");
    forged.appendChild(advice);
    advice.appendChild(signed);

    assertRefused(document, expected(), "SML2XSW1");
  }

  @Test
  void refusesTheSignedAssertionMovedIntoExtensionsWithAForgedOneUnderAnotherId() {
    var document = genuine();
    var signed = assertion(document);
    sign(signed, IDP_KEY);
    var response = document.getDocumentElement();
    var forged = forgedCopy(signed, "FORGED_1");
    var extensions = document.createElementNS(SamlXml.PROTOCOL, "samlp:Extensions");
    response.insertBefore(extensions, response.getFirstChild().getNextSibling());
    response.replaceChild(forged, signed);
    extensions.appendChild(signed);

    assertRefused(document, expected(), "SML2XSW1");
  }

  @Test
  void refusesAnotherAudience() {
    var document =
        parse(response("RESP_1", "ASSERT_1", "alice@example.test", "https://other.test", "REQ_1"));
    sign(assertion(document), IDP_KEY);

    assertRefused(document, expected(), "SML2NIA1");
  }

  @Test
  void refusesAnExpiredAssertionBeyondTheSkew() {
    var document = genuine();
    sign(assertion(document), IDP_KEY);

    assertRefused(document, at(NOW.plus(Duration.ofMinutes(7))), "SML2IT1");
  }

  @Test
  void refusesAnAssertionNotYetValidBeyondTheSkew() {
    var document = genuine();
    sign(assertion(document), IDP_KEY);

    assertRefused(document, at(NOW.minus(Duration.ofMinutes(4))), "SML2IT1");
  }

  @Test
  void acceptsAnAssertionWithinTheSkew() {
    var document = genuine();
    sign(assertion(document), IDP_KEY);

    assertThat(
            SamlResponses.validate(roundTrip(document), at(NOW.plus(Duration.ofMinutes(5))))
                .nameId())
        .isEqualTo("alice@example.test");
  }

  @Test
  void refusesAForeignInResponseTo() {
    var document = parse(response("RESP_1", "ASSERT_1", "alice@example.test", SP, "REQ_OTHER"));
    sign(assertion(document), IDP_KEY);

    assertRefused(document, expected(), "SML2IRT1");
  }

  @Test
  void refusesAnotherRecipientEvenUnderAValidSignature() {
    var xml =
        response("RESP_1", "ASSERT_1", "alice@example.test", SP, "REQ_1")
            .replace("Recipient=\"" + ACS, "Recipient=\"" + ACS + "x");
    var document = parse(xml);
    sign(assertion(document), IDP_KEY);

    assertRefused(document, expected(), "SML2DST1");
  }

  @Test
  void refusesAnotherDestination() {
    var xml =
        response("RESP_1", "ASSERT_1", "alice@example.test", SP, "REQ_1")
            .replace("Destination=\"" + ACS, "Destination=\"https://other.test/acs");
    var document = parse(xml);
    sign(assertion(document), IDP_KEY);

    assertRefused(document, expected(), "SML2DST1");
  }

  @Test
  void refusesAnotherIssuer() {
    var xml =
        response("RESP_1", "ASSERT_1", "alice@example.test", SP, "REQ_1")
            .replace(IdpFixture.IDP + "<", "https://evil.test<");
    var document = parse(xml);
    sign(assertion(document), IDP_KEY);

    assertRefused(document, expected(), "SML2ISS1");
  }

  @Test
  void reportsTheIdentityProvidersRefusalByItsStatusName() {
    var xml =
        response("RESP_1", "ASSERT_1", "alice@example.test", SP, "REQ_1")
            .replace(
                "<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/>",
                "<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Responder\">"
                    + "<samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:AuthnFailed\"/>"
                    + "</samlp:StatusCode>");

    assertThatThrownBy(() -> SamlResponses.validate(parse(xml), expected()))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> {
              assertThat(problem.type().code()).isEqualTo("SML2ST1");
              assertThat(problem.getMessage()).contains("Responder (AuthnFailed)");
            });
  }

  @Test
  void refusesADocumentTypeDeclarationBeforeReadingIt() {
    var xml =
        "<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + response("RESP_1", "ASSERT_1", "&x;", SP, "REQ_1");

    assertThatThrownBy(() -> parse(xml))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> assertThat(problem.type().code()).isEqualTo("SML2RE1"));
  }

  @Test
  void refusesWhatIsNotAResponse() {
    assertThatThrownBy(
            () ->
                SamlResponses.parse(
                    "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"/>"
                        .getBytes(StandardCharsets.UTF_8)))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> assertThat(problem.type().code()).isEqualTo("SML2RE1"));
  }

  @Test
  void refusesAnOversizedResponseBeforeParsingIt() {
    var huge = new byte[SamlResponses.MAX_BYTES + 1];

    assertThatThrownBy(() -> SamlResponses.parse(huge))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> assertThat(problem.getMessage()).contains("larger than 256 KiB"));
  }

  @Test
  void refusesDuplicateIdsAnywhere() {
    var xml =
        response("RESP_1", "ASSERT_1", "alice@example.test", SP, "REQ_1")
            .replace("<saml:AuthnContext>", "<saml:AuthnContext ID=\"RESP_1\">");
    var document = parse(xml);
    sign(assertion(document), IDP_KEY);

    assertRefused(document, expected(), "SML2XSW1");
  }

  private static SamlResponses.Expected encryptedOnly() {
    return expected(Optional.of("REQ_1"), true, List.of(IdpFixture.SP_KEY.privateKey()), NOW);
  }

  private static SamlResponses.Expected at(java.time.Instant now) {
    return expected(Optional.of("REQ_1"), false, List.of(IdpFixture.SP_KEY.privateKey()), now);
  }

  /** A copy of the assertion, unsigned, for Mallory. */
  private static Element forgedCopy(Element signed, String id) {
    var forged = (Element) signed.cloneNode(true);
    forged.setAttribute("ID", id);
    var signature = SamlXml.children(forged, SamlXml.DSIG, "Signature").get(0);
    forged.removeChild(signature);
    forged
        .getElementsByTagNameNS(SamlXml.ASSERTION, "NameID")
        .item(0)
        .setTextContent("mallory@example.test");
    return forged;
  }

  private static void strip(Document document, String attribute) {
    var all = document.getElementsByTagNameNS("*", "*");
    for (int i = 0; i < all.getLength(); i++) {
      ((Element) all.item(i)).removeAttribute(attribute);
    }
  }

  /** Posted as it would be (serialised and parsed again), then refused with the code. */
  private static void assertRefused(
      Document document, SamlResponses.Expected expected, String code) {
    var posted = roundTrip(document);
    assertThatThrownBy(() -> SamlResponses.validate(posted, expected))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> assertThat(problem.type().code()).as(problem.getMessage()).isEqualTo(code));
  }
}
