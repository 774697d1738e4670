package dev.foyer.federation.saml;

import static dev.foyer.federation.saml.IdpFixture.ACS;
import static dev.foyer.federation.saml.IdpFixture.NOW;
import static dev.foyer.federation.saml.IdpFixture.SP;
import static dev.foyer.federation.saml.IdpFixture.SP_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.problems.GatewayProblem;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** The service provider's metadata, the identity provider's, and the signed AuthnRequests. */
class SamlRequestsTest {
  static final String NAME_ID = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";

  @Test
  void readsTheMetadataItWritesAsAnIdentityProviderWould() {
    var written =
        SpMetadata.write(
            SP, ACS, ACS.replace("callback", "logout"), NAME_ID, true, List.of(SP_KEY));

    assertThat(written)
        .contains("entityID=\"" + SP + "\"")
        .contains("AuthnRequestsSigned=\"true\"")
        .contains("use=\"encryption\"")
        .contains(SP_KEY.certificateBase64())
        .contains("Location=\"" + ACS + "\"");
    assertThat(SpKey.decoded(SP_KEY.encoded()).certificate()).isEqualTo(SP_KEY.certificate());
    assertThat(SP_KEY.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=" + SP);
    assertThat(SP_KEY.certificate().getNotAfter().toInstant())
        .isAfter(NOW.plusSeconds(86400L * 3000));
  }

  @Test
  void readsAnIdentityProvidersMetadata() {
    var idp = IdpMetadata.parse(idpMetadata());

    assertThat(idp.entityId()).isEqualTo(IdpFixture.IDP);
    assertThat(idp.ssoRedirect()).contains("https://idp.example.test/sso");
    assertThat(idp.ssoPost()).contains("https://idp.example.test/sso-post");
    assertThat(idp.signingCertificates()).containsExactly(SP_KEY.certificate());
  }

  @Test
  void refusesMetadataWithoutASigningCertificateAsSml2gcfe() {
    var withoutKey = idpMetadata().replaceAll("<md:KeyDescriptor.*</md:KeyDescriptor>", "");

    assertThatThrownBy(() -> IdpMetadata.parse(withoutKey))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> {
              assertThat(problem.type().code()).isEqualTo("SML2GCFE");
              assertThat(problem.getMessage()).contains("no signing certificate");
            });
  }

  @Test
  void refusesMetadataWithADoctype() {
    assertThatThrownBy(() -> IdpMetadata.parse("<!DOCTYPE x [<!ENTITY a \"b\">]>" + idpMetadata()))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> assertThat(problem.type().code()).isEqualTo("SML2GCFE"));
  }

  @Test
  void signsTheRedirectQueryWithTheServiceProvidersKey() throws Exception {
    var sent =
        SamlRequests.authn(
            IdpMetadata.parse(idpMetadata()), false, SP, ACS, NAME_ID, SP_KEY, "flow-1");

    var uri = sent.redirect().orElseThrow();
    assertThat(uri.toString()).startsWith("https://idp.example.test/sso?SAMLRequest=");
    var query = uri.getRawQuery();
    var parameters = new LinkedHashMap<String, String>();
    for (var pair : query.split("&")) {
      var split = pair.split("=", 2);
      parameters.put(split[0], split[1]);
    }
    assertThat(URLDecoder.decode(parameters.get("RelayState"), StandardCharsets.UTF_8))
        .isEqualTo("flow-1");
    assertThat(URLDecoder.decode(parameters.get("SigAlg"), StandardCharsets.UTF_8))
        .isEqualTo("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
    var signed = query.substring(0, query.indexOf("&Signature="));
    var verifier = Signature.getInstance("SHA256withRSA");
    verifier.initVerify(SP_KEY.certificate());
    verifier.update(signed.getBytes(StandardCharsets.US_ASCII));
    assertThat(
            verifier.verify(
                Base64.getDecoder()
                    .decode(
                        URLDecoder.decode(parameters.get("Signature"), StandardCharsets.UTF_8))))
        .isTrue();
    var request =
        inflate(
            Base64.getDecoder()
                .decode(URLDecoder.decode(parameters.get("SAMLRequest"), StandardCharsets.UTF_8)));
    assertThat(request)
        .contains("ID=\"" + sent.id() + "\"")
        .contains("AssertionConsumerServiceURL=\"" + ACS + "\"")
        .contains(SP + "</");
  }

  @Test
  void signsThePostedRequestItself() {
    var sent =
        SamlRequests.authn(IdpMetadata.parse(idpMetadata()), true, SP, ACS, NAME_ID, SP_KEY, "f");

    assertThat(sent.postTo()).contains("https://idp.example.test/sso-post");
    var document =
        SamlXml.parse(
            Base64.getDecoder().decode(sent.samlRequest().orElseThrow()),
            "request",
            SamlProblem.RESPONSE_REFUSED);
    assertThat(document.getDocumentElement().getAttribute("ID")).isEqualTo(sent.id());
    assertThat(
            SamlResponses.verifiedSignature(
                document.getDocumentElement(), List.of(SP_KEY.certificate().getPublicKey())))
        .isTrue();
  }

  static String idpMetadata() {
    return """
        <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" \
        xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="%s">\
        <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">\
        <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s\
        </ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>\
        <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" \
        Location="https://idp.example.test/sso"/>\
        <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" \
        Location="https://idp.example.test/sso-post"/>\
        </md:IDPSSODescriptor></md:EntityDescriptor>"""
        .formatted(IdpFixture.IDP, SP_KEY.certificateBase64());
  }

  private static String inflate(byte[] deflated) throws Exception {
    var inflater = new Inflater(true);
    inflater.setInput(deflated);
    var out = new ByteArrayOutputStream();
    var buffer = new byte[4096];
    while (!inflater.finished()) {
      int n = inflater.inflate(buffer);
      if (n == 0 && inflater.needsInput()) {
        break;
      }
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
