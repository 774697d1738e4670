package dev.foyer.federation.saml;

import static dev.foyer.federation.saml.SamlXml.ASSERTION;
import static dev.foyer.federation.saml.SamlXml.DSIG;
import static dev.foyer.federation.saml.SamlXml.PROTOCOL;
import static dev.foyer.federation.saml.SamlXml.XMLENC;

import dev.foyer.problems.GatewayProblem;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.xml.crypto.MarshalException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import org.keycloak.saml.common.exceptions.ProcessingException;
import org.keycloak.saml.processing.core.util.XMLEncryptionUtil;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Validates an identity provider's {@code samlp:Response} (Web Browser SSO profile, HTTP-POST).
 * This is the security-critical part of SAML and it is Foyer's own: keycloak-saml-core only
 * decrypts.
 *
 * <p>Against XML signature wrapping (PLATFORM-NOTES.md, "SAML: the trap"): every element's {@code
 * ID} in the whole document must be unique, the document must hold exactly one assertion (plain or
 * encrypted, anywhere, {@code Advice} and {@code Extensions} included), and a signature counts only
 * when it is the direct child of the element Foyer consumes, has exactly one reference, and that
 * reference names the consumed element's own ID, which alone is registered as an ID for the
 * signature's resolution. The key is the configured identity provider's, never one from the
 * document's {@code KeyInfo}. Algorithms are allow-listed: RSA and ECDSA with SHA-256 or stronger,
 * RSA-OAEP key transport.
 */
public final class SamlResponses {
  /** Decoded responses larger than this are refused before they are parsed. */
  public static final int MAX_BYTES = 256 * 1024;

  static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
  static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

  static final Set<String> SIGNATURE_METHODS =
      Set.of(
          SignatureMethod.RSA_SHA256,
          SignatureMethod.RSA_SHA384,
          SignatureMethod.RSA_SHA512,
          SignatureMethod.SHA256_RSA_MGF1,
          SignatureMethod.SHA384_RSA_MGF1,
          SignatureMethod.SHA512_RSA_MGF1,
          SignatureMethod.ECDSA_SHA256,
          SignatureMethod.ECDSA_SHA384,
          SignatureMethod.ECDSA_SHA512);
  static final Set<String> DIGESTS =
      Set.of(DigestMethod.SHA256, DigestMethod.SHA384, DigestMethod.SHA512);
  static final Set<String> CANONICALIZATIONS =
      Set.of(
          CanonicalizationMethod.EXCLUSIVE,
          CanonicalizationMethod.INCLUSIVE,
          "http://www.w3.org/2006/12/xml-c14n11");
  static final Set<String> TRANSFORMS =
      Set.of(Transform.ENVELOPED, CanonicalizationMethod.EXCLUSIVE);
  static final Set<String> KEY_TRANSPORTS =
      Set.of(
          "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p",
          "http://www.w3.org/2009/xmlenc11#rsa-oaep");
  static final Set<String> DATA_ENCRYPTIONS =
      Set.of(
          "http://www.w3.org/2001/04/xmlenc#aes128-cbc",
          "http://www.w3.org/2001/04/xmlenc#aes192-cbc",
          "http://www.w3.org/2001/04/xmlenc#aes256-cbc",
          "http://www.w3.org/2009/xmlenc11#aes128-gcm",
          "http://www.w3.org/2009/xmlenc11#aes192-gcm",
          "http://www.w3.org/2009/xmlenc11#aes256-gcm");

  private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
  private static final String UNDECRYPTABLE =
      "it does not decrypt to an assertion with this provider's keys";

  private SamlResponses() {}

  /**
   * What the response must match.
   *
   * @param idpEntityId the identity provider's entity id: the response's and assertion's issuer
   * @param idpKeys the identity provider's signing keys (from its metadata)
   * @param spEntityId the audience
   * @param acsUrl the assertion consumer service address: destination and recipient
   * @param requestId the AuthnRequest this sign-in sent; empty for one the identity provider
   *     started (then nothing may claim to answer a request)
   * @param requireEncrypted a plain assertion is refused
   * @param decryptionKeys the service provider's private keys (current and previous)
   */
  public record Expected(
      String idpEntityId,
      List<PublicKey> idpKeys,
      String spEntityId,
      String acsUrl,
      Optional<String> requestId,
      boolean requireEncrypted,
      List<PrivateKey> decryptionKeys,
      Instant now,
      Duration skew) {}

  /** One attribute of the assertion, by its {@code Name} (and {@code FriendlyName}, if any). */
  public record Attribute(String name, Optional<String> friendlyName, List<String> values) {}

  /**
   * A valid assertion's content.
   *
   * @param keepUntil when the assertion can no longer be accepted anyway: its ID is kept used until
   *     then
   */
  public record Accepted(
      String assertionId,
      Instant keepUntil,
      String nameId,
      Optional<String> nameIdFormat,
      Optional<String> sessionIndex,
      List<Attribute> attributes,
      boolean encrypted) {}

  public static Document parse(byte[] xml) {
    if (xml.length > MAX_BYTES) {
      throw new GatewayProblem(
          SamlProblem.RESPONSE_REFUSED,
          "The SAML response is larger than " + MAX_BYTES / 1024 + " KiB.");
    }
    var document = SamlXml.parse(xml, "The SAML response", SamlProblem.RESPONSE_REFUSED);
    var root = document.getDocumentElement();
    if (!PROTOCOL.equals(root.getNamespaceURI()) || !"Response".equals(root.getLocalName())) {
      throw new GatewayProblem(
          SamlProblem.RESPONSE_REFUSED, "The message is not a SAML 2.0 Response.");
    }
    return document;
  }

  /**
   * The response's {@code InResponseTo}, read before it is validated (no trust): whether it claims
   * to answer a request; validate() checks it.
   */
  public static Optional<String> inResponseTo(Document document) {
    return attribute(document.getDocumentElement(), "InResponseTo");
  }

  public static Accepted validate(Document document, Expected expected) {
    var response = document.getDocumentElement();
    refuseAmbiguity(document);
    if (!"2.0".equals(response.getAttribute("Version"))) {
      throw refused("The response is not SAML 2.0.");
    }
    var issuer = SamlXml.only(response, ASSERTION, "Issuer").map(SamlXml::text);
    if (issuer.isPresent() && !issuer.get().equals(expected.idpEntityId())) {
      throw new GatewayProblem(
          SamlProblem.WRONG_ISSUER,
          "The response was issued by another identity provider than this provider's ("
              + expected.idpEntityId()
              + ").");
    }
    checkStatus(response);
    // Verified before anything is decrypted: a response signature covers the encrypted assertion.
    var responseSigned = verifiedSignature(response, expected.idpKeys());
    var destination = attribute(response, "Destination");
    if (responseSigned && destination.isEmpty()
        || destination.isPresent() && !destination.get().equals(expected.acsUrl())) {
      throw new GatewayProblem(
          SamlProblem.WRONG_DESTINATION,
          "The response's Destination is not this provider's assertion consumer service.");
    }
    checkInResponseTo(attribute(response, "InResponseTo"), expected.requestId());
    var encrypted = SamlXml.children(response, ASSERTION, "EncryptedAssertion");
    var plain = SamlXml.children(response, ASSERTION, "Assertion");
    if (encrypted.size() + plain.size() != 1) {
      throw new GatewayProblem(
          SamlProblem.AMBIGUOUS_DOCUMENT, "The response must hold exactly one assertion.");
    }
    Element assertion;
    if (encrypted.isEmpty()) {
      if (expected.requireEncrypted()) {
        throw new GatewayProblem(
            SamlProblem.NOT_ENCRYPTED,
            "This provider requires encrypted assertions; the assertion came in plain text.");
      }
      assertion = plain.get(0);
    } else {
      assertion = decrypted(document, encrypted.get(0), expected.decryptionKeys());
      refuseAmbiguity(document);
    }
    var assertionSigned = verifiedSignature(assertion, expected.idpKeys());
    if (!responseSigned && !assertionSigned) {
      throw new GatewayProblem(
          SamlProblem.SIGNATURE_INVALID,
          "Neither the response nor the assertion is signed by the identity provider.");
    }
    return assertion(assertion, expected, !encrypted.isEmpty());
  }

  private static Accepted assertion(Element assertion, Expected expected, boolean encrypted) {
    if (!"2.0".equals(assertion.getAttribute("Version"))) {
      throw refused("The assertion is not SAML 2.0.");
    }
    var id = attribute(assertion, "ID").orElseThrow(() -> refused("The assertion has no ID."));
    var issuer =
        SamlXml.only(assertion, ASSERTION, "Issuer")
            .map(SamlXml::text)
            .orElseThrow(() -> refused("The assertion has no Issuer."));
    if (!issuer.equals(expected.idpEntityId())) {
      throw new GatewayProblem(
          SamlProblem.WRONG_ISSUER,
          "The assertion was issued by another identity provider than this provider's ("
              + expected.idpEntityId()
              + ").");
    }
    var subject =
        SamlXml.only(assertion, ASSERTION, "Subject")
            .orElseThrow(() -> refused("The assertion has no Subject."));
    var nameId =
        SamlXml.only(subject, ASSERTION, "NameID")
            .orElseThrow(
                () ->
                    refused(
                        "The assertion's subject has no plain NameID (encrypted NameIDs are not"
                            + " read)."));
    var name = SamlXml.text(nameId);
    if (name.isEmpty()) {
      throw refused("The assertion's NameID is empty.");
    }
    var bearerUntil = bearerConfirmation(subject, expected);
    var validUntil = conditions(assertion, expected);
    var authn = SamlXml.children(assertion, ASSERTION, "AuthnStatement");
    if (authn.isEmpty()) {
      throw refused("The assertion has no AuthnStatement: it does not say the person signed in.");
    }
    var keepUntil = validUntil.map(until -> until.isAfter(bearerUntil) ? bearerUntil : until);
    return new Accepted(
        id,
        keepUntil.orElse(bearerUntil).plus(expected.skew()),
        name,
        attribute(nameId, "Format"),
        attribute(authn.get(0), "SessionIndex"),
        attributes(assertion),
        encrypted);
  }

  /**
   * The subject's bearer confirmation: at least one, addressed to this service, answering this
   * sign-in's request, and not expired.
   *
   * @return its {@code NotOnOrAfter}
   */
  private static Instant bearerConfirmation(Element subject, Expected expected) {
    GatewayProblem last = null;
    for (var confirmation : SamlXml.children(subject, ASSERTION, "SubjectConfirmation")) {
      if (!BEARER.equals(confirmation.getAttribute("Method"))) {
        continue;
      }
      var data = SamlXml.only(confirmation, ASSERTION, "SubjectConfirmationData");
      if (data.isEmpty()) {
        last = refused("The bearer confirmation has no SubjectConfirmationData.");
        continue;
      }
      try {
        if (!attribute(data.get(), "Recipient").orElse("").equals(expected.acsUrl())) {
          throw new GatewayProblem(
              SamlProblem.WRONG_DESTINATION,
              "The assertion's Recipient is not this provider's assertion consumer service.");
        }
        // SAML Profiles §4.1.4.2: an assertion answering a request says which. Without that, an
        // unsolicited assertion would pass as this sign-in's answer under an unsigned response.
        var answers = attribute(data.get(), "InResponseTo");
        if (expected.requestId().isPresent() && answers.isEmpty()) {
          throw new GatewayProblem(
              SamlProblem.NOT_IN_RESPONSE,
              "The assertion does not say it answers the request this sign-in sent.");
        }
        checkInResponseTo(answers, expected.requestId());
        var notOnOrAfter =
            attribute(data.get(), "NotOnOrAfter")
                .map(SamlResponses::instant)
                .orElseThrow(() -> refused("The bearer confirmation has no NotOnOrAfter."));
        if (!expected.now().isBefore(notOnOrAfter.plus(expected.skew()))) {
          throw new GatewayProblem(
              SamlProblem.OUTSIDE_VALIDITY, "The assertion's bearer confirmation has expired.");
        }
        var notBefore = attribute(data.get(), "NotBefore").map(SamlResponses::instant);
        if (notBefore.isPresent()
            && expected.now().plus(expected.skew()).isBefore(notBefore.get())) {
          throw new GatewayProblem(
              SamlProblem.OUTSIDE_VALIDITY,
              "The assertion's bearer confirmation is not valid yet.");
        }
        return notOnOrAfter;
      } catch (GatewayProblem problem) {
        last = problem;
      }
    }
    throw last != null ? last : refused("The assertion has no bearer subject confirmation.");
  }

  /** Conditions: the validity window and the audience. */
  private static Optional<Instant> conditions(Element assertion, Expected expected) {
    var found = SamlXml.children(assertion, ASSERTION, "Conditions");
    if (found.size() != 1) {
      throw new GatewayProblem(
          SamlProblem.AUDIENCE_MISMATCH,
          "The assertion has no Conditions, so no audience: it is not addressed to this space.");
    }
    var conditions = found.get(0);
    var now = expected.now();
    var notBefore = attribute(conditions, "NotBefore").map(SamlResponses::instant);
    if (notBefore.isPresent() && now.plus(expected.skew()).isBefore(notBefore.get())) {
      throw new GatewayProblem(
          SamlProblem.OUTSIDE_VALIDITY,
          "The assertion is not valid before " + notBefore.get() + " (now " + now + ").");
    }
    var notOnOrAfter = attribute(conditions, "NotOnOrAfter").map(SamlResponses::instant);
    if (notOnOrAfter.isPresent() && !now.isBefore(notOnOrAfter.get().plus(expected.skew()))) {
      throw new GatewayProblem(
          SamlProblem.OUTSIDE_VALIDITY,
          "The assertion expired at " + notOnOrAfter.get() + " (now " + now + ").");
    }
    var restrictions = SamlXml.children(conditions, ASSERTION, "AudienceRestriction");
    if (restrictions.isEmpty()) {
      throw new GatewayProblem(
          SamlProblem.AUDIENCE_MISMATCH,
          "The assertion names no audience: it is not addressed to this space.");
    }
    // Each restriction must be met (SAML Core §2.5.1.4): one naming this service in each.
    for (var restriction : restrictions) {
      var audiences =
          SamlXml.children(restriction, ASSERTION, "Audience").stream().map(SamlXml::text).toList();
      if (!audiences.contains(expected.spEntityId())) {
        throw new GatewayProblem(
            SamlProblem.AUDIENCE_MISMATCH,
            "The assertion is addressed to another audience than this provider's service provider"
                + " entity id ("
                + expected.spEntityId()
                + ").");
      }
    }
    return notOnOrAfter;
  }

  private static List<Attribute> attributes(Element assertion) {
    var attributes = new ArrayList<Attribute>();
    for (var statement : SamlXml.children(assertion, ASSERTION, "AttributeStatement")) {
      for (var attribute : SamlXml.children(statement, ASSERTION, "Attribute")) {
        var name = attribute(attribute, "Name");
        if (name.isEmpty()) {
          continue;
        }
        var values =
            SamlXml.children(attribute, ASSERTION, "AttributeValue").stream()
                .map(SamlXml::text)
                .toList();
        attributes.add(new Attribute(name.get(), attribute(attribute, "FriendlyName"), values));
      }
    }
    return List.copyOf(attributes);
  }

  private static void checkStatus(Element response) {
    var code =
        SamlXml.only(response, PROTOCOL, "Status")
            .flatMap(status -> SamlXml.only(status, PROTOCOL, "StatusCode"))
            .flatMap(status -> attribute(status, "Value"))
            .orElseThrow(() -> refused("The response has no status."));
    if (!SUCCESS.equals(code)) {
      var second =
          SamlXml.only(response, PROTOCOL, "Status")
              .flatMap(status -> SamlXml.only(status, PROTOCOL, "StatusCode"))
              .flatMap(status -> SamlXml.only(status, PROTOCOL, "StatusCode"))
              .flatMap(status -> attribute(status, "Value"));
      throw new GatewayProblem(
          SamlProblem.IDP_REFUSED,
          "The identity provider answered "
              + statusName(code)
              + second.map(s -> " (" + statusName(s) + ")").orElse("")
              + " instead of signing the person in.");
    }
  }

  /** A status URI's last part ("Responder", "AuthnFailed"): never more of the provider's text. */
  private static String statusName(String uri) {
    var name = uri.substring(uri.lastIndexOf(':') + 1);
    return name.matches("[A-Za-z]{1,40}") ? name : "an error";
  }

  private static void checkInResponseTo(Optional<String> inResponseTo, Optional<String> sent) {
    if (sent.isEmpty()) {
      if (inResponseTo.isPresent()) {
        throw new GatewayProblem(
            SamlProblem.NOT_IN_RESPONSE,
            "The response answers a request, but this sign-in was started by the identity"
                + " provider.");
      }
      return;
    }
    if (inResponseTo.isPresent() && !inResponseTo.get().equals(sent.get())) {
      throw new GatewayProblem(
          SamlProblem.NOT_IN_RESPONSE,
          "The response answers another request than the one this sign-in sent.");
    }
  }

  /**
   * Every {@code ID} attribute in the document is unique, and there is exactly one assertion
   * element, plain or encrypted, wherever it is.
   */
  private static void refuseAmbiguity(Document document) {
    var ids = new HashMap<String, Element>();
    int assertions = 0;
    var pending = new ArrayList<Element>();
    pending.add(document.getDocumentElement());
    while (!pending.isEmpty()) {
      var element = pending.remove(pending.size() - 1);
      if (ASSERTION.equals(element.getNamespaceURI())
          && ("Assertion".equals(element.getLocalName())
              || "EncryptedAssertion".equals(element.getLocalName()))) {
        assertions++;
      }
      var attributes = element.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        var attribute = attributes.item(i);
        // ID, Id and id: the spellings a signature's reference may be resolved by.
        if ("id".equalsIgnoreCase(attribute.getLocalName())
            && ids.put(attribute.getNodeValue(), element) != null) {
          throw new GatewayProblem(
              SamlProblem.AMBIGUOUS_DOCUMENT, "The response holds two elements with the same ID.");
        }
      }
      for (var child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
        if (child instanceof Element next) {
          pending.add(next);
        }
      }
    }
    if (assertions != 1) {
      throw new GatewayProblem(
          SamlProblem.AMBIGUOUS_DOCUMENT,
          "The response holds " + assertions + " assertions; exactly one is accepted.");
    }
  }

  /**
   * Whether {@code element} carries a valid enveloped signature by one of {@code keys}. A signature
   * that is there and does not verify (altered content, another key, a reference to anything but
   * the element itself, an algorithm off the list) is refused outright.
   */
  static boolean verifiedSignature(Element element, List<PublicKey> keys) {
    var signatures = SamlXml.children(element, DSIG, "Signature");
    if (signatures.isEmpty()) {
      return false;
    }
    if (signatures.size() > 1) {
      throw new GatewayProblem(SamlProblem.SIGNATURE_INVALID, "An element carries two signatures.");
    }
    var id =
        attribute(element, "ID")
            .orElseThrow(
                () ->
                    new GatewayProblem(
                        SamlProblem.SIGNATURE_INVALID, "A signed element has no ID."));
    var factory = XMLSignatureFactory.getInstance("DOM");
    for (var key : keys) {
      var context = new DOMValidateContext(key, signatures.get(0));
      context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
      context.setIdAttributeNS(element, null, "ID");
      try {
        var signature = factory.unmarshalXMLSignature(context);
        var signedInfo = signature.getSignedInfo();
        if (!CANONICALIZATIONS.contains(signedInfo.getCanonicalizationMethod().getAlgorithm())
            || !SIGNATURE_METHODS.contains(signedInfo.getSignatureMethod().getAlgorithm())) {
          throw new GatewayProblem(
              SamlProblem.SIGNATURE_INVALID,
              "The signature uses an algorithm Foyer does not accept (RSA or ECDSA with SHA-256 or"
                  + " stronger, exclusive canonicalization).");
        }
        var references = signedInfo.getReferences();
        if (references.size() != 1
            || !("#" + id).equals(((Reference) references.get(0)).getURI())) {
          throw new GatewayProblem(
              SamlProblem.SIGNATURE_INVALID,
              "The signature does not cover exactly the element it is carried by.");
        }
        var reference = (Reference) references.get(0);
        if (!DIGESTS.contains(reference.getDigestMethod().getAlgorithm())
            || reference.getTransforms().stream()
                .anyMatch(t -> !TRANSFORMS.contains(((Transform) t).getAlgorithm()))) {
          throw new GatewayProblem(
              SamlProblem.SIGNATURE_INVALID,
              "The signature uses a digest or transform Foyer does not accept.");
        }
        if (signature.validate(context)) {
          return true;
        }
      } catch (MarshalException | XMLSignatureException | ClassCastException e) {
        throw new GatewayProblem(
            SamlProblem.SIGNATURE_INVALID, "The signature could not be read or checked.");
      }
    }
    throw new GatewayProblem(
        SamlProblem.SIGNATURE_INVALID,
        "The signature does not verify with the identity provider's keys: the content was changed"
            + " or another key signed it.");
  }

  /** The encrypted assertion, decrypted with one of the keys and put in its place. */
  private static Element decrypted(Document document, Element encrypted, List<PrivateKey> keys) {
    // The algorithms are read where keycloak-saml-core and xmlsec read them, not where the schema
    // puts them: the first child element is what is decrypted, and an EncryptedData's or
    // EncryptedKey's method is the first EncryptionMethod anywhere inside it. Read elsewhere, a
    // decoy passes the allow-list and RSA 1.5 (Bleichenbacher) or 3DES is what decrypts.
    var data = firstChild(encrypted);
    if (data == null
        || !XMLENC.equals(data.getNamespaceURI())
        || !"EncryptedData".equals(data.getLocalName())
        || SamlXml.children(encrypted, XMLENC, "EncryptedData").size() != 1) {
      throw notDecrypted("its first element is not its one EncryptedData");
    }
    if (!DATA_ENCRYPTIONS.contains(algorithm(data))) {
      throw notDecrypted(
          "it is encrypted with an algorithm Foyer does not accept (AES-GCM or AES-CBC)");
    }
    var transports = new ArrayList<String>();
    collect(encrypted, XMLENC, "EncryptedKey").forEach(key -> transports.add(algorithm(key)));
    if (transports.isEmpty() || !KEY_TRANSPORTS.containsAll(transports)) {
      throw notDecrypted("its key is not transported with RSA-OAEP");
    }
    if (keys.isEmpty()) {
      throw notDecrypted("this provider has no decryption key");
    }
    Element assertion;
    try {
      var alone = SamlXml.builder().newDocument();
      var root = (Element) alone.importNode(encrypted, true);
      // The encrypted text may use prefixes its ancestors declared (xmlsec parses it in the
      // context of the element's declarations): they come along.
      for (var node = encrypted.getParentNode(); node instanceof Element ancestor; ) {
        var declared = ancestor.getAttributes();
        for (int i = 0; i < declared.getLength(); i++) {
          var declaration = declared.item(i);
          if (XMLNS.equals(declaration.getNamespaceURI())
              && !root.hasAttributeNS(XMLNS, declaration.getLocalName())) {
            root.setAttributeNS(XMLNS, declaration.getNodeName(), declaration.getNodeValue());
          }
        }
        node = ancestor.getParentNode();
      }
      alone.appendChild(root);
      assertion = XMLEncryptionUtil.decryptElementInDocument(alone, ignored -> keys);
    } catch (ProcessingException | RuntimeException | StackOverflowError e) {
      // The plaintext is anyone's (the certificate is public) and is not read through SamlXml:
      // xmlsec imports it recursively, so a deep enough nesting overflows the stack in there.
      throw notDecrypted(UNDECRYPTABLE);
    }
    // One refusal for every plaintext that is not a usable assertion: telling a well-formed one
    // from a bad padding or a parse error is the CBC padding oracle of XML Encryption (Jager and
    // Somorovsky 2011), which decrypts an assertion signed only inside its encryption.
    if (assertion == null
        || !ASSERTION.equals(assertion.getNamespaceURI())
        || !"Assertion".equals(assertion.getLocalName())
        || SamlXml.depth(assertion) >= SamlXml.MAX_DEPTH) {
      throw notDecrypted(UNDECRYPTABLE);
    }
    var imported = (Element) document.importNode(assertion, true);
    encrypted.getParentNode().replaceChild(imported, encrypted);
    return imported;
  }

  /** The first EncryptionMethod's algorithm in the element, at any depth (as xmlsec reads it). */
  private static String algorithm(Element encryptedType) {
    return collect(encryptedType, XMLENC, "EncryptionMethod").stream()
        .findFirst()
        .flatMap(method -> attribute(method, "Algorithm"))
        .orElse("");
  }

  private static Element firstChild(Element parent) {
    for (var child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof Element element) {
        return element;
      }
    }
    return null;
  }

  private static List<Element> collect(Element root, String ns, String local) {
    var list = root.getElementsByTagNameNS(ns, local);
    var found = new ArrayList<Element>();
    for (int i = 0; i < list.getLength(); i++) {
      found.add((Element) list.item(i));
    }
    return found;
  }

  private static GatewayProblem notDecrypted(String why) {
    return new GatewayProblem(
        SamlProblem.NOT_ENCRYPTED, "The encrypted assertion was refused: " + why + ".");
  }

  static Optional<String> attribute(Element element, String name) {
    var value = element.getAttributeNodeNS(null, name);
    return value == null ? Optional.empty() : Optional.of(value.getValue());
  }

  /** An xs:dateTime; SAML's are UTC, with or without the {@code Z}. */
  static Instant instant(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException again) {
        throw refused("The time " + (text.length() > 40 ? "value" : text) + " is not xs:dateTime.");
      }
    }
  }

  private static GatewayProblem refused(String why) {
    return new GatewayProblem(SamlProblem.RESPONSE_REFUSED, why);
  }
}
