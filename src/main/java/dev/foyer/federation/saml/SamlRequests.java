package dev.foyer.federation.saml;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import org.keycloak.saml.BaseSAML2BindingBuilder;
import org.keycloak.saml.SAML2AuthnRequestBuilder;
import org.keycloak.saml.SAML2NameIDPolicyBuilder;
import org.keycloak.saml.SignatureAlgorithm;
import org.keycloak.saml.common.exceptions.ConfigurationException;
import org.keycloak.saml.common.exceptions.ProcessingException;
import org.w3c.dom.Document;

/**
 * The service provider's signed requests, built and signed by keycloak-saml-core: an AuthnRequest
 * over HTTP-Redirect (the query is signed, SAML Bindings §3.4.4.1) or HTTP-POST (the request
 * carries an enveloped signature). {@code RelayState} is the flow's opaque id, never a URL.
 */
public final class SamlRequests {
  private SamlRequests() {}

  /**
   * A request ready to send.
   *
   * @param id its ID, which the answer's {@code InResponseTo} must name
   * @param redirect the identity provider's address with the signed query (HTTP-Redirect)
   * @param postTo where the browser posts {@code samlRequest} (HTTP-POST)
   * @param samlRequest the base64 signed request (HTTP-POST)
   */
  public record Sent(
      String id, Optional<URI> redirect, Optional<String> postTo, Optional<String> samlRequest) {}

  public static Sent authn(
      IdpMetadata idp,
      boolean post,
      String spEntityId,
      String acsUrl,
      String nameIdFormat,
      SpKey key,
      String relayState) {
    var target =
        (post ? idp.ssoPost().or(idp::ssoRedirect) : idp.ssoRedirect().or(idp::ssoPost))
            .orElseThrow();
    var byPost = post ? idp.ssoPost().isPresent() : idp.ssoRedirect().isEmpty();
    var document =
        new SAML2AuthnRequestBuilder()
            .destination(target)
            .issuer(spEntityId)
            .assertionConsumerUrl(acsUrl)
            .protocolBinding(IdpMetadata.POST)
            .nameIdPolicy(SAML2NameIDPolicyBuilder.format(nameIdFormat).setAllowCreate(true))
            .toDocument();
    return send(document, target, byPost, key, relayState);
  }

  static Sent send(Document document, String target, boolean post, SpKey key, String relayState) {
    var id = document.getDocumentElement().getAttribute("ID");
    var binding =
        new BaseSAML2BindingBuilder()
            .relayState(relayState)
            .signWith(key.id(), key.keyPair(), key.certificate())
            .signatureAlgorithm(SignatureAlgorithm.RSA_SHA256)
            .signDocument();
    try {
      if (post) {
        return new Sent(
            id,
            Optional.empty(),
            Optional.of(target),
            Optional.of(binding.postBinding(document).encoded()));
      }
      return new Sent(
          id,
          Optional.of(binding.redirectBinding(document).requestURI(target)),
          Optional.empty(),
          Optional.empty());
    } catch (ProcessingException | ConfigurationException | IOException e) {
      throw new IllegalStateException("A SAML request could not be signed", e);
    }
  }
}
