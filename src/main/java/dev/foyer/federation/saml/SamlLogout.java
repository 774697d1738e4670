package dev.foyer.federation.saml;

import static dev.foyer.federation.saml.SamlXml.ASSERTION;
import static dev.foyer.federation.saml.SamlXml.PROTOCOL;

import dev.foyer.problems.GatewayProblem;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.keycloak.saml.SAML2LogoutRequestBuilder;
import org.keycloak.saml.SAML2LogoutResponseBuilder;
import org.keycloak.saml.common.exceptions.ConfigurationException;
import org.keycloak.saml.common.exceptions.ParsingException;
import org.keycloak.saml.common.exceptions.ProcessingException;
import org.w3c.dom.Document;

/**
 * SAML single logout (Profiles §4.4): Foyer's signed {@code LogoutRequest} when a person signs out,
 * its signed {@code LogoutResponse} to the identity provider's request, and the checks of what the
 * identity provider sends: a signature by its key (on the query for HTTP-Redirect, SAML Bindings
 * §3.4.4.1, enveloped for HTTP-POST), its issuer, the destination, the validity.
 */
public final class SamlLogout {
  /** Signature algorithms accepted on a signed query (HTTP-Redirect). */
  static final Map<String, String> QUERY_SIGNATURES =
      Map.of(
          "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256", "SHA256withRSA",
          "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384", "SHA384withRSA",
          "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512", "SHA512withRSA",
          "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256", "SHA256withECDSA",
          "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384", "SHA384withECDSA",
          "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512", "SHA512withECDSA");

  /** A deflated message larger than this once inflated is refused (a zip bomb is not read). */
  static final int MAX_INFLATED = 64 * 1024;

  private SamlLogout() {}

  /**
   * A logout message as it arrived, checked: its kind ({@code LogoutRequest} or {@code
   * LogoutResponse}), ID, {@code InResponseTo}, the NameID and SessionIndexes of a request, and a
   * response's status.
   */
  public record Message(
      String kind,
      String id,
      Optional<String> inResponseTo,
      Optional<String> nameId,
      List<String> sessionIndexes,
      boolean success) {}

  /**
   * Reads and checks what the identity provider sent to Foyer's logout address.
   *
   * @param parameter {@code SAMLRequest} or {@code SAMLResponse}
   * @param encoded its value
   * @param rawQuery the request's query as it came, for the HTTP-Redirect signature; null for
   *     HTTP-POST (the message then carries its own signature)
   * @param sloUrl Foyer's logout address: the message's {@code Destination}
   */
  public static Message read(
      String parameter,
      String encoded,
      String rawQuery,
      IdpMetadata idp,
      String sloUrl,
      Instant now,
      Duration skew) {
    var redirect = rawQuery != null;
    byte[] xml;
    try {
      var bytes = Base64.getDecoder().decode(encoded.replaceAll("[\\r\\n\\t ]", ""));
      xml = redirect ? inflate(bytes) : bytes;
    } catch (IllegalArgumentException e) {
      throw refused("The " + parameter + " is not base64" + (redirect ? " of DEFLATE." : "."));
    }
    if (xml.length > SamlResponses.MAX_BYTES) {
      throw refused("The logout message is too large.");
    }
    Document document = SamlXml.parse(xml, "The logout message", SamlProblem.RESPONSE_REFUSED);
    var root = document.getDocumentElement();
    var kind = parameter.equals("SAMLRequest") ? "LogoutRequest" : "LogoutResponse";
    if (!PROTOCOL.equals(root.getNamespaceURI()) || !kind.equals(root.getLocalName())) {
      throw refused("The " + parameter + " is not a SAML 2.0 " + kind + ".");
    }
    if (!"2.0".equals(root.getAttribute("Version"))) {
      throw refused("The " + kind + " is not SAML 2.0.");
    }
    var signed =
        redirect
            ? verifiedQuery(parameter, rawQuery, idp.signingKeys())
            : SamlResponses.verifiedSignature(root, idp.signingKeys());
    if (!signed) {
      throw new GatewayProblem(
          SamlProblem.SIGNATURE_INVALID,
          "The "
              + kind
              + " is not signed by the identity provider; Foyer acts on signed ones only.");
    }
    var issuer = SamlXml.only(root, ASSERTION, "Issuer").map(SamlXml::text);
    if (issuer.isEmpty() || !issuer.get().equals(idp.entityId())) {
      throw new GatewayProblem(
          SamlProblem.WRONG_ISSUER,
          "The " + kind + " was issued by another identity provider than this provider's.");
    }
    // A signed message must name where it is sent (SAML Bindings §3.4.5.2, §3.5.5.2).
    var destination = SamlResponses.attribute(root, "Destination");
    if (destination.isEmpty() || !destination.get().equals(sloUrl)) {
      throw new GatewayProblem(
          SamlProblem.WRONG_DESTINATION,
          "The " + kind + "'s Destination is not this provider's logout address.");
    }
    var id =
        SamlResponses.attribute(root, "ID")
            .orElseThrow(() -> refused("The " + kind + " has no ID."));
    if (kind.equals("LogoutResponse")) {
      var status =
          SamlXml.only(root, PROTOCOL, "Status")
              .flatMap(s -> SamlXml.only(s, PROTOCOL, "StatusCode"))
              .flatMap(code -> SamlResponses.attribute(code, "Value"))
              .orElseThrow(() -> refused("The LogoutResponse has no status."));
      return new Message(
          kind,
          id,
          SamlResponses.attribute(root, "InResponseTo"),
          Optional.empty(),
          List.of(),
          SamlResponses.SUCCESS.equals(status));
    }
    var notOnOrAfter = SamlResponses.attribute(root, "NotOnOrAfter").map(SamlResponses::instant);
    if (notOnOrAfter.isPresent() && !now.isBefore(notOnOrAfter.get().plus(skew))) {
      throw new GatewayProblem(
          SamlProblem.OUTSIDE_VALIDITY, "The LogoutRequest expired at " + notOnOrAfter.get() + ".");
    }
    var nameId =
        SamlXml.only(root, ASSERTION, "NameID")
            .map(SamlXml::text)
            .filter(text -> !text.isEmpty())
            .orElseThrow(() -> refused("The LogoutRequest names no plain NameID."));
    var indexes =
        SamlXml.children(root, PROTOCOL, "SessionIndex").stream().map(SamlXml::text).toList();
    return new Message(kind, id, Optional.empty(), Optional.of(nameId), indexes, true);
  }

  /** Foyer's signed LogoutRequest for a session the identity provider opened. */
  public static SamlRequests.Sent request(
      IdpMetadata idp,
      String spEntityId,
      String nameId,
      Optional<String> nameIdFormat,
      Optional<String> sessionIndex,
      SpKey key,
      String relayState) {
    var target = idp.sloRedirect().or(idp::sloPost).orElseThrow();
    var builder =
        new SAML2LogoutRequestBuilder()
            .destination(target)
            .issuer(spEntityId)
            .userPrincipal(nameId, nameIdFormat.orElse(null));
    sessionIndex.ifPresent(builder::sessionIndex);
    try {
      return SamlRequests.send(
          builder.buildDocument(), target, idp.sloRedirect().isEmpty(), key, relayState);
    } catch (ProcessingException | ConfigurationException | ParsingException e) {
      throw new IllegalStateException("A LogoutRequest could not be built", e);
    }
  }

  /** Foyer's signed LogoutResponse (Success) to the identity provider's LogoutRequest. */
  public static SamlRequests.Sent response(
      IdpMetadata idp, String spEntityId, String requestId, SpKey key, String relayState) {
    var target = idp.sloRedirect().or(idp::sloPost).orElseThrow();
    try {
      var document =
          new SAML2LogoutResponseBuilder()
              .logoutRequestID(requestId)
              .destination(target)
              .issuer(spEntityId)
              .buildDocument();
      return SamlRequests.send(document, target, idp.sloRedirect().isEmpty(), key, relayState);
    } catch (ProcessingException e) {
      throw new IllegalStateException("A LogoutResponse could not be built", e);
    }
  }

  /**
   * The HTTP-Redirect signature: over {@code SAMLRequest=...&RelayState=...&SigAlg=...} exactly as
   * the values appear in the query (still URL-encoded), with an allowed algorithm.
   */
  static boolean verifiedQuery(String parameter, String rawQuery, List<PublicKey> keys) {
    var raw = new LinkedHashMap<String, String>();
    for (var pair : rawQuery.split("&")) {
      var equals = pair.indexOf('=');
      var name = equals < 0 ? pair : pair.substring(0, equals);
      if (raw.put(name, equals < 0 ? "" : pair.substring(equals + 1)) != null) {
        throw refused("The query repeats " + name + ".");
      }
    }
    if (!raw.containsKey("Signature") || !raw.containsKey("SigAlg")) {
      return false;
    }
    var algorithm =
        QUERY_SIGNATURES.get(URLDecoder.decode(raw.get("SigAlg"), StandardCharsets.UTF_8));
    if (algorithm == null) {
      throw new GatewayProblem(
          SamlProblem.SIGNATURE_INVALID,
          "The query is signed with an algorithm Foyer does not accept (RSA or ECDSA with SHA-256"
              + " or stronger).");
    }
    var signed =
        parameter
            + "="
            + raw.get(parameter)
            + (raw.containsKey("RelayState") ? "&RelayState=" + raw.get("RelayState") : "")
            + "&SigAlg="
            + raw.get("SigAlg");
    byte[] signature;
    try {
      signature =
          Base64.getDecoder()
              .decode(URLDecoder.decode(raw.get("Signature"), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new GatewayProblem(
          SamlProblem.SIGNATURE_INVALID, "The query's Signature is not base64.");
    }
    for (var key : keys) {
      try {
        var verifier = Signature.getInstance(algorithm);
        verifier.initVerify(key);
        verifier.update(signed.getBytes(StandardCharsets.US_ASCII));
        if (verifier.verify(signature)) {
          return true;
        }
      } catch (GeneralSecurityException e) {
        // Another key type (an EC key for an RSA algorithm): try the next key.
      }
    }
    throw new GatewayProblem(
        SamlProblem.SIGNATURE_INVALID,
        "The query's signature does not verify with the identity provider's keys.");
  }

  static byte[] inflate(byte[] deflated) {
    var inflater = new Inflater(true);
    try {
      inflater.setInput(deflated);
      var out = new ByteArrayOutputStream();
      var buffer = new byte[8192];
      while (!inflater.finished()) {
        int n = inflater.inflate(buffer);
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        out.write(buffer, 0, n);
        if (out.size() > MAX_INFLATED) {
          throw refused(
              "The logout message inflates to more than " + MAX_INFLATED / 1024 + " KiB.");
        }
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw refused("The logout message is not DEFLATE-compressed.");
    } finally {
      inflater.end();
    }
  }

  private static GatewayProblem refused(String why) {
    return new GatewayProblem(SamlProblem.RESPONSE_REFUSED, why);
  }
}
