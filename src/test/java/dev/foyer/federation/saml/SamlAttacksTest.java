package dev.foyer.federation.saml;

import static dev.foyer.federation.saml.IdpFixture.IDP_KEY;
import static dev.foyer.federation.saml.IdpFixture.SP_KEY;
import static dev.foyer.federation.saml.IdpFixture.assertion;
import static dev.foyer.federation.saml.IdpFixture.expected;
import static dev.foyer.federation.saml.IdpFixture.genuine;
import static dev.foyer.federation.saml.IdpFixture.roundTrip;
import static dev.foyer.federation.saml.IdpFixture.sign;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.problems.GatewayProblem;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.KeyGenerator;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.crypto.dsig.spec.XPathFilterParameterSpec;
import javax.xml.namespace.QName;
import org.apache.xml.security.encryption.XMLCipher;
import org.apache.xml.security.keys.KeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.saml.processing.core.util.XMLEncryptionUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * An attacker's forgeries beyond SamlResponsesTest's: each starts from a genuinely signed (and,
 * where it says so, encrypted) response and is one thing a real attacker would try.
 */
class SamlAttacksTest {
  private static final String RSA_1_5 = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";
  private static final String OAEP = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
  private static final String AES_GCM = "http://www.w3.org/2009/xmlenc11#aes128-gcm";

  /**
   * The 2018 Duo class: the attacker owns "alice@example.test.evil.test" at the identity provider
   * and inserts a comment after "alice@example.test". Exclusive canonicalization leaves comments
   * out, so the signature still verifies; a reader that took the first text node would see Alice.
   */
  @Test
  void readsANameIdSplitByACommentWhole() {
    var name = "alice@example.test.evil.test";
    var document =
        IdpFixture.parse(IdpFixture.response("RESP_1", "ASSERT_1", name, IdpFixture.SP, "REQ_1"));
    sign(assertion(document), IDP_KEY);
    for (var local : List.of("NameID", "AttributeValue")) {
      var value = document.getElementsByTagNameNS(SamlXml.ASSERTION, local).item(0);
      value.setTextContent("alice@example.test");
      value.appendChild(document.createComment(""));
      value.appendChild(document.createTextNode(".evil.test"));
    }
    var posted = roundTrip(document);
    assertThat(posted.getElementsByTagNameNS(SamlXml.ASSERTION, "NameID").item(0).getFirstChild())
        .extracting(org.w3c.dom.Node::getNodeValue)
        .isEqualTo("alice@example.test");

    var accepted = SamlResponses.validate(posted, expected());

    assertThat(accepted.nameId()).isEqualTo(name);
    assertThat(accepted.attributes().get(0).values()).containsExactly(name);
  }

  /**
   * A signature whose reference filters the NameID out with an XPath transform covers everything
   * but the name, which the attacker then sets.
   */
  @Test
  void refusesAnXPathTransformThatLeavesTheNameIdOutOfTheDigest() throws Exception {
    var document = genuine();
    var assertion = assertion(document);
    assertion.setIdAttributeNS(null, "ID", true);
    var factory = XMLSignatureFactory.getInstance("DOM");
    var xpath =
        factory.newTransform(
            Transform.XPATH,
            new XPathFilterParameterSpec(
                "not(ancestor-or-self::saml:NameID)", Map.of("saml", SamlXml.ASSERTION)));
    var reference =
        factory.newReference(
            "#ASSERT_1",
            factory.newDigestMethod(DigestMethod.SHA256, null),
            List.of(
                factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                xpath,
                factory.newTransform(
                    CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)),
            null,
            null);
    var signedInfo =
        factory.newSignedInfo(
            factory.newCanonicalizationMethod(
                CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
            factory.newSignatureMethod(SignatureMethod.RSA_SHA256, null),
            List.of(reference));
    var issuer = SamlXml.children(assertion, SamlXml.ASSERTION, "Issuer").get(0);
    factory
        .newXMLSignature(signedInfo, null)
        .sign(new DOMSignContext(IDP_KEY.getPrivate(), assertion, issuer.getNextSibling()));
    document
        .getElementsByTagNameNS(SamlXml.ASSERTION, "NameID")
        .item(0)
        .setTextContent("mallory@example.test");

    assertRefused(document, "SML2SIG1", "transform");
  }

  /**
   * XSW1 and XSW2 against a response the identity provider signed as a whole: a forged response
   * around the copied signature, the genuine one inside the signature or beside it.
   */
  @ParameterizedTest
  @ValueSource(strings = {"XSW1 inside the signature", "XSW2 before the signature"})
  void refusesTheSignedResponseWrappedInAForgedOne(String shape) {
    var original = genuine();
    sign(original.getDocumentElement(), IDP_KEY);
    var forged =
        IdpFixture.parse(
            IdpFixture.response(
                "FORGED_R", "FORGED_A", "mallory@example.test", IdpFixture.SP, "REQ_1"));
    var root = forged.getDocumentElement();
    var signature =
        (Element)
            forged.importNode(
                SamlXml.children(original.getDocumentElement(), SamlXml.DSIG, "Signature").get(0),
                true);
    root.insertBefore(
        signature, SamlXml.children(root, SamlXml.ASSERTION, "Issuer").get(0).getNextSibling());
    var genuineResponse = forged.importNode(original.getDocumentElement(), true);
    if (shape.startsWith("XSW1")) {
      var object = forged.createElementNS(SamlXml.DSIG, "ds:Object");
      signature.appendChild(object);
      object.appendChild(genuineResponse);
    } else {
      root.insertBefore(genuineResponse, signature);
    }

    assertRefused(forged, "SML2XSW1", "assertions");
  }

  /**
   * XSW6 and XSW8: the forged assertion keeps the genuine signature (and ID), and the genuine
   * assertion, with or without its signature, hides in a ds:Object of that signature, a place the
   * other wrapping tests do not use.
   */
  @ParameterizedTest
  @ValueSource(strings = {"XSW6 with its signature", "XSW8 without its signature"})
  void refusesTheSignedAssertionHiddenInTheForgedOnesSignature(String shape) {
    var document = genuine();
    var signed = assertion(document);
    sign(signed, IDP_KEY);
    var forged = (Element) signed.cloneNode(true);
    forged.getElementsByTagNameNS(SamlXml.ASSERTION, "NameID").item(0).setTextContent("mallory");
    var object = document.createElementNS(SamlXml.DSIG, "ds:Object");
    SamlXml.children(forged, SamlXml.DSIG, "Signature").get(0).appendChild(object);
    document.getDocumentElement().replaceChild(forged, signed);
    if (shape.startsWith("XSW8")) {
      signed.removeChild(SamlXml.children(signed, SamlXml.DSIG, "Signature").get(0));
    }
    object.appendChild(signed);

    assertRefused(document, "SML2XSW1", "The response holds");
  }

  /**
   * A forged plain assertion beside the genuine encrypted one (signed only inside its encryption,
   * so nothing signs the response): the encrypted assertion counts as the one assertion.
   */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void refusesAForgedPlainAssertionBesideAnEncryptedOne(boolean before) {
    var document = genuine();
    var signed = assertion(document);
    sign(signed, IDP_KEY);
    var forged = (Element) signed.cloneNode(true);
    forged.removeChild(SamlXml.children(forged, SamlXml.DSIG, "Signature").get(0));
    forged.getElementsByTagNameNS(SamlXml.ASSERTION, "NameID").item(0).setTextContent("mallory");
    IdpFixture.encrypt(document);
    var encrypted =
        SamlXml.children(document.getDocumentElement(), SamlXml.ASSERTION, "EncryptedAssertion")
            .get(0);
    document
        .getDocumentElement()
        .insertBefore(forged, before ? encrypted : encrypted.getNextSibling());

    assertRefused(document, "SML2XSW1", "2 assertions");
  }

  /**
   * Bleichenbacher's attack on XML Encryption needs the service provider to decrypt RSA 1.5 key
   * transport. xmlsec reads an EncryptedKey's first EncryptionMethod at any depth, so an RSA 1.5
   * one wrapped in another element, followed by an RSA-OAEP decoy, must not pass the allow-list.
   */
  @Test
  void refusesRsa15KeyTransportBehindAnOaepDecoy() throws Exception {
    var document = genuine();
    sign(assertion(document), IDP_KEY);
    var aes = KeyGenerator.getInstance("AES");
    aes.init(128);
    XMLEncryptionUtil.encryptElement(
        new QName(SamlXml.ASSERTION, "Assertion"),
        document,
        SP_KEY.certificate().getPublicKey(),
        aes.generateKey(),
        128,
        new QName(SamlXml.ASSERTION, "EncryptedAssertion", "saml"),
        true,
        RSA_1_5);
    var key = (Element) document.getElementsByTagNameNS(SamlXml.XMLENC, "EncryptedKey").item(0);
    hideBehindDecoy(key, OAEP);

    assertRefused(document, "SML2ENC1", "not transported with RSA-OAEP");
  }

  /** The data algorithm, likewise: 3DES-CBC read by xmlsec, AES-GCM shown to the allow-list. */
  @ParameterizedTest
  @ValueSource(strings = {"decoy method inside EncryptedData", "decoy EncryptedData after it"})
  void refuses3desDataEncryptionBehindAnAesDecoy(String placement) throws Exception {
    var document = genuine();
    sign(assertion(document), IDP_KEY);
    var data = encryptWith3des(document);
    if (placement.startsWith("decoy method")) {
      hideBehindDecoy(data, AES_GCM);
    } else {
      // keycloak-saml-core decrypts the EncryptedAssertion's first child element, whatever its
      // name; the allow-list saw the one xenc:EncryptedData.
      var renamed = document.createElementNS("urn:x", "x:Data");
      renamed.setAttributeNS(null, "Type", data.getAttribute("Type"));
      while (data.getFirstChild() != null) {
        renamed.appendChild(data.getFirstChild());
      }
      data.getParentNode().replaceChild(renamed, data);
      var decoy = document.createElementNS(SamlXml.XMLENC, "xenc:EncryptedData");
      decoy.appendChild(method(document, AES_GCM));
      renamed.getParentNode().appendChild(decoy);
    }

    assertRefused(
        document,
        "SML2ENC1",
        placement.startsWith("decoy method")
            ? "algorithm Foyer does not accept"
            : "not its one EncryptedData");
  }

  /**
   * The DOM's text and import operations recurse once per level: 30,000 nested elements (210 KB,
   * under the size cap) in the response's unsigned Issuer overflowed the stack before anything was
   * checked, an Error instead of a refusal.
   */
  @Test
  void refusesDeepNestingBeforeReadingAnything() {
    var nested = "<a>".repeat(30_000) + "</a>".repeat(30_000);
    var xml =
        IdpFixture.response("RESP_1", "ASSERT_1", "alice@example.test", IdpFixture.SP, "REQ_1")
            .replaceFirst("<saml:Issuer>", "<saml:Issuer>" + nested);

    assertThatThrownBy(() -> IdpFixture.parse(xml))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> {
              assertThat(problem.type().code()).isEqualTo("SML2RE1");
              assertThat(problem.getMessage()).contains("deeper than 64 levels");
            });
  }

  /** The same inside an encrypted assertion, which anyone can make with the public certificate. */
  @Test
  void refusesDeepNestingInsideAnEncryptedAssertion() {
    var document = genuine();
    sign(assertion(document), IDP_KEY);
    Element parent =
        (Element) document.getElementsByTagNameNS(SamlXml.ASSERTION, "AttributeValue").item(0);
    for (int i = 0; i < 20_000; i++) {
      parent = (Element) parent.appendChild(document.createElementNS(null, "a"));
    }
    IdpFixture.encrypt(document);

    assertRefused(document, "SML2ENC1", "does not decrypt");
  }

  /**
   * An assertion the identity provider issued unsolicited (no InResponseTo in its confirmation)
   * spliced into a response that claims to answer this sign-in's request: an unsigned response's
   * InResponseTo is the attacker's to write, so only the signed confirmation's binds the request.
   */
  @Test
  void refusesAnUnsolicitedAssertionInAResponseToThisSignInsRequest() {
    var document = genuine();
    var data =
        (Element)
            document.getElementsByTagNameNS(SamlXml.ASSERTION, "SubjectConfirmationData").item(0);
    data.removeAttribute("InResponseTo");
    sign(assertion(document), IDP_KEY);

    assertRefused(document, "SML2IRT1", "does not say it answers");
  }

  /**
   * The padding oracle of XML Encryption (Jager and Somorovsky, 2011): an attacker who changes
   * AES-CBC ciphertext learns the plaintext byte by byte if the refusal of a plaintext that is
   * well-formed XML differs from that of a broken padding or a parse error.
   */
  @Test
  void refusesEveryUndecryptableAssertionInTheSameWords() throws Exception {
    var broken = genuine();
    sign(assertion(broken), IDP_KEY);
    IdpFixture.encrypt(broken);
    var data = (Element) broken.getElementsByTagNameNS(SamlXml.XMLENC, "EncryptedData").item(0);
    var cipherData = SamlXml.children(data, SamlXml.XMLENC, "CipherData").get(0);
    var cipherValue = SamlXml.children(cipherData, SamlXml.XMLENC, "CipherValue").get(0);
    var bytes = Base64.getMimeDecoder().decode(cipherValue.getTextContent());
    bytes[bytes.length - 1] ^= 0x01;
    cipherValue.setTextContent(Base64.getEncoder().encodeToString(bytes));

    var wellFormed = genuine();
    var notAnAssertion = wellFormed.createElementNS(SamlXml.ASSERTION, "saml:Evidence");
    notAnAssertion.setTextContent("plaintext the attacker chose");
    wellFormed.getDocumentElement().replaceChild(notAnAssertion, assertion(wellFormed));
    var aes = KeyGenerator.getInstance("AES");
    aes.init(128);
    XMLEncryptionUtil.encryptElement(
        new QName(SamlXml.ASSERTION, "Evidence"),
        wellFormed,
        SP_KEY.certificate().getPublicKey(),
        aes.generateKey(),
        128,
        new QName(SamlXml.ASSERTION, "EncryptedAssertion", "saml"),
        true);

    assertThat(refusal(wellFormed)).isEqualTo(refusal(broken));
  }

  private static String refusal(Document document) {
    try {
      SamlResponses.validate(roundTrip(document), expected());
    } catch (GatewayProblem problem) {
      assertThat(problem.type().code()).isEqualTo("SML2ENC1");
      return problem.getMessage();
    }
    throw new AssertionError("accepted");
  }

  /**
   * Another account at the identity provider, "alice@example.test" followed by an em space (or an
   * ideographic space, or a line separator): to the provider a different name, so Foyer must not
   * trim it into Alice's. XML's own whitespace around a pretty-printed value still goes.
   */
  @ParameterizedTest
  @ValueSource(strings = {"\u2003", "\u3000", "\u2028"})
  void keepsUnicodeSpaceAroundTheNameIdThatXmlDoesNotCallWhitespace(String space) {
    var name = "alice@example.test" + space;
    var document =
        IdpFixture.parse(
            IdpFixture.response(
                "RESP_1", "ASSERT_1", "\n\t " + name + "\r\n", IdpFixture.SP, "REQ_1"));
    sign(assertion(document), IDP_KEY);

    var accepted = SamlResponses.validate(roundTrip(document), expected());

    assertThat(accepted.nameId()).isEqualTo(name);
    assertThat(accepted.attributes().get(0).values()).containsExactly(name);
  }

  /** Moves the element's EncryptionMethod into a wrapper, then puts a decoy where it was. */
  private static void hideBehindDecoy(Element encryptedType, String decoyAlgorithm) {
    var document = encryptedType.getOwnerDocument();
    var real = SamlXml.children(encryptedType, SamlXml.XMLENC, "EncryptionMethod").get(0);
    var wrapper = document.createElementNS("urn:x", "x:Pad");
    encryptedType.insertBefore(wrapper, real);
    wrapper.appendChild(real);
    encryptedType.insertBefore(method(document, decoyAlgorithm), wrapper.getNextSibling());
  }

  private static Element method(Document document, String algorithm) {
    var method = document.createElementNS(SamlXml.XMLENC, "xenc:EncryptionMethod");
    method.setAttributeNS(null, "Algorithm", algorithm);
    return method;
  }

  /** The assertion encrypted with 3DES-CBC, its key with RSA-OAEP; returns the EncryptedData. */
  private static Element encryptWith3des(Document document) throws Exception {
    org.apache.xml.security.Init.init();
    var assertion = assertion(document);
    var des = KeyGenerator.getInstance("DESede").generateKey();
    var keyCipher = XMLCipher.getInstance(XMLCipher.RSA_OAEP);
    keyCipher.init(XMLCipher.WRAP_MODE, SP_KEY.certificate().getPublicKey());
    var keyInfo = new KeyInfo(document);
    keyInfo.add(keyCipher.encryptKey(document, des));
    var cipher = XMLCipher.getInstance(XMLCipher.TRIPLEDES);
    cipher.init(XMLCipher.ENCRYPT_MODE, des);
    cipher.getEncryptedData().setKeyInfo(keyInfo);
    var wrapper = document.createElementNS(SamlXml.ASSERTION, "saml:EncryptedAssertion");
    assertion.getParentNode().replaceChild(wrapper, assertion);
    wrapper.appendChild(assertion);
    cipher.doFinal(document, assertion, false);
    return SamlXml.children(wrapper, SamlXml.XMLENC, "EncryptedData").get(0);
  }

  /** Posted as it would be (serialised and parsed again), then refused with the code. */
  private static void assertRefused(Document document, String code, String because) {
    var posted = roundTrip(document);
    assertThatThrownBy(() -> SamlResponses.validate(posted, expected()))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> {
              assertThat(problem.type().code()).as(problem.getMessage()).isEqualTo(code);
              assertThat(problem.getMessage()).contains(because);
            });
  }
}
