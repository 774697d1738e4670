package dev.foyer.federation.saml;

import static dev.foyer.federation.saml.IdpFixture.IDP;
import static dev.foyer.federation.saml.IdpFixture.NOW;
import static dev.foyer.federation.saml.IdpFixture.OTHER_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.foyer.problems.GatewayProblem;
import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** Single logout messages: the HTTP-Redirect query signature, the checks, the deflate cap. */
class SamlLogoutTest {
  static final String SLO = "https://foyer.example.test/auth/federation/logout/acme/corp";
  static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

  static final IdpMetadata METADATA =
      new IdpMetadata(
          IDP,
          Optional.of("https://idp.example.test/sso"),
          Optional.empty(),
          Optional.of("https://idp.example.test/slo"),
          Optional.empty(),
          List.of(IdpFixture.SP_KEY.certificate()));

  /** The fixture's metadata names the SP key's certificate: the IdP signs with that key here. */
  static final KeyPair SIGNER = IdpFixture.SP_KEY.keyPair();

  @Test
  void readsASignedLogoutRequestFromTheQuery() {
    var query = signedQuery(logoutRequest(IDP, SLO), "RS", RSA_SHA256, SIGNER);

    var message = read(query);

    assertThat(message.kind()).isEqualTo("LogoutRequest");
    assertThat(message.id()).isEqualTo("LR_1");
    assertThat(message.nameId()).contains("alice");
    assertThat(message.sessionIndexes()).containsExactly("S_1");
  }

  @Test
  void refusesAQueryWhoseRequestWasChangedAfterSigning() {
    var query = signedQuery(logoutRequest(IDP, SLO), "RS", RSA_SHA256, SIGNER);
    var other = encoded(logoutRequest(IDP, SLO).replace("alice", "bob__"));
    var changed = query.replaceFirst("SAMLRequest=[^&]*", "SAMLRequest=" + other);

    assertRefused(() -> read(changed), "SML2SIG1");
  }

  @Test
  void refusesAQuerySignedByAnotherKey() {
    assertRefused(
        () -> read(signedQuery(logoutRequest(IDP, SLO), "RS", RSA_SHA256, OTHER_KEY)), "SML2SIG1");
  }

  @Test
  void refusesSha1QuerySignatures() {
    var query =
        signedQuery(
            logoutRequest(IDP, SLO), "RS", "http://www.w3.org/2000/09/xmldsig#rsa-sha1", SIGNER);

    assertRefused(() -> read(query), "SML2SIG1");
  }

  @Test
  void refusesAnUnsignedLogoutRequest() {
    var query = "SAMLRequest=" + encoded(logoutRequest(IDP, SLO));

    assertRefused(() -> read(query), "SML2SIG1");
  }

  @Test
  void refusesALogoutRequestFromAnotherIssuerOrForAnotherAddress() {
    assertRefused(
        () -> read(signedQuery(logoutRequest("https://evil.test", SLO), "RS", RSA_SHA256, SIGNER)),
        "SML2ISS1");
    assertRefused(
        () ->
            read(
                signedQuery(
                    logoutRequest(IDP, "https://other.test/slo"), "RS", RSA_SHA256, SIGNER)),
        "SML2DST1");
  }

  @Test
  void refusesASignedLogoutRequestThatNamesNoDestination() {
    var xml = logoutRequest(IDP, SLO).replace(" Destination=\"" + SLO + "\"", "");

    assertRefused(() -> read(signedQuery(xml, "RS", RSA_SHA256, SIGNER)), "SML2DST1");
  }

  @Test
  void refusesADeflateBombBeforeParsingIt() {
    var bomb = new byte[1_000_000];
    var deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    deflater.setInput(bomb);
    deflater.finish();
    var out = new ByteArrayOutputStream();
    var buffer = new byte[4096];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }

    assertThatThrownBy(() -> SamlLogout.inflate(out.toByteArray()))
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> assertThat(problem.getMessage()).contains("more than 64 KiB"));
  }

  @Test
  void signsItsOwnLogoutRequestSoThatTheSameCheckAcceptsIt() {
    var sent =
        SamlLogout.request(
            METADATA,
            IdpFixture.SP,
            "alice",
            Optional.of("urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified"),
            Optional.of("S_1"),
            IdpFixture.SP_KEY,
            "flow-1");

    var uri = sent.redirect().orElseThrow();
    assertThat(uri.toString()).startsWith("https://idp.example.test/slo?SAMLRequest=");
    assertThat(
            SamlLogout.verifiedQuery("SAMLRequest", uri.getRawQuery(), List.of(SIGNER.getPublic())))
        .isTrue();
  }

  private static SamlLogout.Message read(String query) {
    var encoded =
        java.net.URLDecoder.decode(
            query.replaceFirst(".*SAMLRequest=([^&]*).*", "$1"), StandardCharsets.UTF_8);
    return SamlLogout.read(
        "SAMLRequest", encoded, query, METADATA, SLO, NOW, Duration.ofMinutes(2));
  }

  static String logoutRequest(String issuer, String destination) {
    return """
        <samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" \
        xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="LR_1" Version="2.0" \
        IssueInstant="2026-12-01T09:59:58Z" Destination="%s">\
        <saml:Issuer>%s</saml:Issuer><saml:NameID>alice</saml:NameID>\
        <samlp:SessionIndex>S_1</samlp:SessionIndex></samlp:LogoutRequest>"""
        .formatted(destination, issuer);
  }

  static String encoded(String xml) {
    var deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(xml.getBytes(StandardCharsets.UTF_8));
    deflater.finish();
    var out = new ByteArrayOutputStream();
    var buffer = new byte[4096];
    while (!deflater.finished()) {
      out.write(buffer, 0, deflater.deflate(buffer));
    }
    return URLEncoder.encode(
        Base64.getEncoder().encodeToString(out.toByteArray()), StandardCharsets.UTF_8);
  }

  static String signedQuery(String xml, String relayState, String sigAlg, KeyPair key) {
    var signed =
        "SAMLRequest="
            + encoded(xml)
            + "&RelayState="
            + relayState
            + "&SigAlg="
            + URLEncoder.encode(sigAlg, StandardCharsets.UTF_8);
    try {
      var signer =
          Signature.getInstance(sigAlg.endsWith("rsa-sha1") ? "SHA1withRSA" : "SHA256withRSA");
      signer.initSign(key.getPrivate());
      signer.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed
          + "&Signature="
          + URLEncoder.encode(
              Base64.getEncoder().encodeToString(signer.sign()), StandardCharsets.UTF_8);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void assertRefused(Runnable call, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            GatewayProblem.class,
            problem -> assertThat(problem.type().code()).as(problem.getMessage()).isEqualTo(code));
  }
}
