package dev.foyer.federation.saml;

import static dev.foyer.federation.saml.SamlXml.DSIG;
import static dev.foyer.federation.saml.SamlXml.METADATA;

import dev.foyer.problems.GatewayProblem;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * What Foyer reads from an identity provider's SAML metadata: its entity id, where it takes
 * AuthnRequests and LogoutRequests, and the certificates it signs with. One {@code
 * EntityDescriptor} with an {@code IDPSSODescriptor} (or an {@code EntitiesDescriptor} holding
 * exactly one), read with {@link SamlXml}'s safe parser.
 */
public record IdpMetadata(
    String entityId,
    Optional<String> ssoRedirect,
    Optional<String> ssoPost,
    Optional<String> sloRedirect,
    Optional<String> sloPost,
    List<X509Certificate> signingCertificates) {
  public static final String REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
  public static final String POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";

  /** Metadata larger than this is refused: one identity provider's fits in a few KiB. */
  public static final int MAX_BYTES = 512 * 1024;

  public List<PublicKey> signingKeys() {
    return signingCertificates.stream().map(X509Certificate::getPublicKey).toList();
  }

  public static IdpMetadata parse(String xml) {
    var bytes = xml.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > MAX_BYTES) {
      throw unusable("it is larger than " + MAX_BYTES / 1024 + " KiB");
    }
    var root =
        SamlXml.parse(bytes, "The identity provider's SAML metadata", SamlProblem.METADATA_UNUSABLE)
            .getDocumentElement();
    if (is(root, "EntitiesDescriptor")) {
      var entities = SamlXml.children(root, METADATA, "EntityDescriptor");
      if (entities.size() != 1) {
        throw unusable(
            "it describes "
                + entities.size()
                + " entities; give the metadata of the one identity provider");
      }
      root = entities.get(0);
    }
    if (!is(root, "EntityDescriptor")) {
      throw unusable("it is not an EntityDescriptor");
    }
    var entityId = root.getAttribute("entityID");
    if (entityId.isEmpty() || entityId.length() > 1024) {
      throw unusable("its entityID is missing or longer than 1024 characters");
    }
    var idp =
        SamlXml.only(root, METADATA, "IDPSSODescriptor")
            .orElseThrow(() -> unusable("it has no single IDPSSODescriptor"));
    if (!idp.getAttribute("protocolSupportEnumeration").contains(SamlXml.PROTOCOL)) {
      throw unusable("its identity provider does not speak SAML 2.0");
    }
    var certificates = new ArrayList<X509Certificate>();
    for (var descriptor : SamlXml.children(idp, METADATA, "KeyDescriptor")) {
      var use = descriptor.getAttribute("use");
      if (!use.isEmpty() && !use.equals("signing")) {
        continue;
      }
      for (var keyInfo : SamlXml.children(descriptor, DSIG, "KeyInfo")) {
        for (var data : SamlXml.children(keyInfo, DSIG, "X509Data")) {
          for (var certificate : SamlXml.children(data, DSIG, "X509Certificate")) {
            certificates.add(certificate(SamlXml.text(certificate)));
          }
        }
      }
    }
    if (certificates.isEmpty()) {
      throw unusable("it names no signing certificate");
    }
    var metadata =
        new IdpMetadata(
            entityId,
            location(idp, "SingleSignOnService", REDIRECT),
            location(idp, "SingleSignOnService", POST),
            location(idp, "SingleLogoutService", REDIRECT),
            location(idp, "SingleLogoutService", POST),
            List.copyOf(certificates));
    if (metadata.ssoRedirect().isEmpty() && metadata.ssoPost().isEmpty()) {
      throw unusable("it has no SingleSignOnService with the HTTP-Redirect or HTTP-POST binding");
    }
    return metadata;
  }

  private static Optional<String> location(Element idp, String service, String binding) {
    return SamlXml.children(idp, METADATA, service).stream()
        .filter(endpoint -> binding.equals(endpoint.getAttribute("Binding")))
        .map(endpoint -> endpoint.getAttribute("Location"))
        .filter(location -> location.startsWith("https://") || location.startsWith("http://"))
        .findFirst();
  }

  private static X509Certificate certificate(String base64) {
    try {
      return SpKey.certificate(Base64.getMimeDecoder().decode(base64));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw unusable("one of its signing certificates is not an X.509 certificate");
    }
  }

  private static boolean is(Element element, String local) {
    return METADATA.equals(element.getNamespaceURI()) && local.equals(element.getLocalName());
  }

  private static GatewayProblem unusable(String why) {
    return new GatewayProblem(
        SamlProblem.METADATA_UNUSABLE,
        "The identity provider's SAML metadata is unusable: " + why + ".");
  }
}
