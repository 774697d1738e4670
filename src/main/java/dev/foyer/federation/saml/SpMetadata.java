package dev.foyer.federation.saml;

import static dev.foyer.federation.saml.SamlXml.DSIG;
import static dev.foyer.federation.saml.SamlXml.METADATA;

import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The service provider's metadata for one provider of one space, the document an identity
 * provider's administrator imports: the entity id (the audience), the assertion consumer service
 * (HTTP-POST), the single logout service (when given), and every key Foyer holds (during a rotation
 * both), each for signing and for encryption.
 */
public final class SpMetadata {
  private SpMetadata() {}

  public static String write(
      String entityId,
      String acsUrl,
      String sloUrl,
      String nameIdFormat,
      boolean wantAssertionsEncrypted,
      List<SpKey> keys) {
    var document = SamlXml.builder().newDocument();
    var entity = document.createElementNS(METADATA, "md:EntityDescriptor");
    entity.setAttribute("entityID", entityId);
    document.appendChild(entity);
    var sp = element(document, entity, "SPSSODescriptor");
    sp.setAttribute("AuthnRequestsSigned", "true");
    sp.setAttribute("WantAssertionsSigned", "true");
    sp.setAttribute("protocolSupportEnumeration", SamlXml.PROTOCOL);
    for (var key : keys) {
      for (var use :
          wantAssertionsEncrypted ? List.of("signing", "encryption") : List.of("signing")) {
        var descriptor = element(document, sp, "KeyDescriptor");
        descriptor.setAttribute("use", use);
        var keyInfo = document.createElementNS(DSIG, "ds:KeyInfo");
        descriptor.appendChild(keyInfo);
        var name = document.createElementNS(DSIG, "ds:KeyName");
        name.setTextContent(key.id());
        keyInfo.appendChild(name);
        var data = document.createElementNS(DSIG, "ds:X509Data");
        keyInfo.appendChild(data);
        var certificate = document.createElementNS(DSIG, "ds:X509Certificate");
        certificate.setTextContent(key.certificateBase64());
        data.appendChild(certificate);
      }
    }
    if (sloUrl != null) {
      var logout = element(document, sp, "SingleLogoutService");
      logout.setAttribute("Binding", IdpMetadata.REDIRECT);
      logout.setAttribute("Location", sloUrl);
      var logoutPost = element(document, sp, "SingleLogoutService");
      logoutPost.setAttribute("Binding", IdpMetadata.POST);
      logoutPost.setAttribute("Location", sloUrl);
    }
    var format = element(document, sp, "NameIDFormat");
    format.setTextContent(nameIdFormat);
    var acs = element(document, sp, "AssertionConsumerService");
    acs.setAttribute("Binding", IdpMetadata.POST);
    acs.setAttribute("Location", acsUrl);
    acs.setAttribute("index", "0");
    acs.setAttribute("isDefault", "true");
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + SamlXml.write(document);
  }

  private static Element element(Document document, Element parent, String local) {
    var element = document.createElementNS(METADATA, "md:" + local);
    parent.appendChild(element);
    return element;
  }
}
