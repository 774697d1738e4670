package dev.foyer.jwtsso.control;

import static dev.foyer.jwtsso.entity.JwtSsoProblem.JWT_ALGORITHM;
import static dev.foyer.jwtsso.entity.JwtSsoProblem.JWT_AVATAR_INVALID;
import static dev.foyer.jwtsso.entity.JwtSsoProblem.JWT_CLAIM_INVALID;
import static dev.foyer.jwtsso.entity.JwtSsoProblem.JWT_CLAIM_MISSING;
import static dev.foyer.jwtsso.entity.JwtSsoProblem.JWT_EMAIL_INVALID;
import static dev.foyer.jwtsso.entity.JwtSsoProblem.JWT_ENCRYPTED;
import static dev.foyer.jwtsso.entity.JwtSsoProblem.JWT_EXPIRED;
import static dev.foyer.jwtsso.entity.JwtSsoProblem.JWT_EXP_MISSING;
import static dev.foyer.jwtsso.entity.JwtSsoProblem.JWT_LIFETIME;
import static dev.foyer.jwtsso.entity.JwtSsoProblem.JWT_MALFORMED;
import static dev.foyer.jwtsso.entity.JwtSsoProblem.JWT_MISSING;
import static dev.foyer.jwtsso.entity.JwtSsoProblem.JWT_NOT_YET_VALID;
import static dev.foyer.jwtsso.entity.JwtSsoProblem.JWT_SIGNATURE;
import static dev.foyer.jwtsso.entity.JwtSsoProblem.JWT_TOO_LARGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.foyer.jwtsso.entity.JwtSsoProblem;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemCode;
import dev.foyer.problems.ProblemType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every rule of the JWT SSO token, against tokens signed by nimbus-jose-jwt, at a fixed instant.
 */
class SsoTokenVerifierTest {
  static final Instant NOW = Instant.parse("2026-03-02T10:15:30Z");

  /** 64 bytes, so the same key can sign HS512 as well as HS256. */
  static final String KEY = "space-key-current-5b1f0c9a7e2d4f6b8a3c1e5d7f9b2a4c6e8d0f1a3b5c7d9e";

  static final String PREVIOUS_KEY =
      "space-key-previous-0d2e4f6a8c1b3d5f7e9a2c4e6b8d0f1a3c5e7b9d1f3a5c";
  static final String OTHER_KEY = "someone-elses-key-9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a3";
  static final SsoTokenPolicy POLICY =
      new SsoTokenPolicy(Set.of("HS256"), true, Duration.ofMinutes(5), SsoTokenPolicy.DEFAULT_SKEW);

  @Test
  void acceptedTokenMapsEveryClaim() {
    var custom = new LinkedHashMap<String, Object>();
    custom.put("company", "Acme");
    custom.put("plan", "gold");
    var token =
        hs256(
            valid()
                .jwtID("4d1b7c0e-jti")
                .claim("title", "Head of Community")
                .claim("avatarUrl", "https://cdn.example.com/ada.png")
                .claim("lang", "de")
                .claim("timezone", "America/New_York")
                .claim("groups:join", List.of("g-speakers", "g-staff"))
                .claim("groups:leave", "g-guests")
                .claim("customProperties", custom)
                .claim("domains:set", Map.of("blog", "https://blog.example.com"))
                .claim("domains:unset", List.of("old-site"))
                .build());

    var claims = verify(token);

    assertThat(claims.sub()).isEqualTo("ext-42");
    assertThat(claims.firstName()).isEqualTo("Ada");
    assertThat(claims.lastName()).isEqualTo("Lovelace");
    assertThat(claims.email()).isEqualTo("ada@example.com");
    assertThat(claims.title()).contains("Head of Community");
    assertThat(claims.avatarUrl()).contains("https://cdn.example.com/ada.png");
    assertThat(claims.lang()).isEqualTo("de");
    assertThat(claims.timezone()).isEqualTo("America/New_York");
    assertThat(claims.issuedAt()).contains(NOW.minusSeconds(5));
    assertThat(claims.expiresAt()).contains(NOW.plusSeconds(60));
    assertThat(claims.jwtId()).contains("4d1b7c0e-jti");
    assertThat(claims.groupsJoin()).containsExactly("g-speakers", "g-staff");
    assertThat(claims.groupsLeave()).containsExactly("g-guests");
    assertThat(claims.customProperties())
        .containsExactlyInAnyOrderEntriesOf(Map.of("company", "Acme", "plan", "gold"));
    assertThat(claims.domainsSet())
        .containsExactlyEntriesOf(Map.of("blog", "https://blog.example.com"));
    assertThat(claims.domainsUnset()).containsExactly("old-site");
  }

  @Test
  void minimalTokenLeavesOptionalClaimsEmptyAndDefaultsLanguageAndTimeZone() {
    var claims = verify(hs256(valid().build()));

    assertThat(claims.title()).isEmpty();
    assertThat(claims.avatarUrl()).isEmpty();
    assertThat(claims.jwtId()).isEmpty();
    assertThat(claims.lang()).isEqualTo("en");
    assertThat(claims.timezone()).isEqualTo("Europe/Paris");
    assertThat(claims.groupsJoin()).isEmpty();
    assertThat(claims.groupsLeave()).isEmpty();
    assertThat(claims.customProperties()).isEmpty();
    assertThat(claims.domainsSet()).isEmpty();
    assertThat(claims.domainsUnset()).isEmpty();
  }

  @Test
  void unknownLanguageFallsBackToEnglish() {
    assertThat(verify(hs256(valid().claim("lang", "xx").build())).lang()).isEqualTo("en");
  }

  @Test
  void supportedLanguageIsKept() {
    assertThat(verify(hs256(valid().claim("lang", "fr").build())).lang()).isEqualTo("fr");
  }

  @Test
  void unknownTimeZoneFallsBackToParis() {
    assertThat(verify(hs256(valid().claim("timezone", "Mars/Base").build())).timezone())
        .isEqualTo("Europe/Paris");
  }

  @Test
  void validTimeZoneIsKept() {
    assertThat(verify(hs256(valid().claim("timezone", "Europe/Berlin").build())).timezone())
        .isEqualTo("Europe/Berlin");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"http://images.example.org/a.png", "https://cdn.example.com/ada.png?size=64"})
  void acceptsHttpAndHttpsAvatars(String avatar) {
    assertThat(verify(hs256(valid().claim("avatarUrl", avatar).build())).avatarUrl())
        .contains(avatar);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "javascript:alert(1)",
        "ftp://files.example.com/a.png",
        "/images/ada.png",
        "images/ada.png",
        "data:image/png;base64,iVBORw0KGgo=",
        "https:///no-host.png"
      })
  void refusesAvatarsThatAreNotHttpUrls(String avatar) {
    assertRefused(hs256(valid().claim("avatarUrl", avatar).build()), JWT_AVATAR_INVALID);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not-an-email",
        "ada@",
        "@example.com",
        "ada@localhost",
        "ada lovelace@example.com",
        "ada@exa_mple.com"
      })
  void refusesAnInvalidEmail(String email) {
    assertRefused(hs256(valid().claim("email", email).build()), JWT_EMAIL_INVALID);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sub", "firstName", "lastName", "email"})
  void refusesATokenWithoutARequiredClaim(String claim) {
    assertRefused(hs256(without(valid().build(), claim)), JWT_CLAIM_MISSING);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sub", "firstName", "lastName", "email"})
  void refusesABlankRequiredClaimAsMissing(String claim) {
    assertRefused(hs256(valid().claim(claim, "   ").build()), JWT_CLAIM_MISSING);
  }

  @ParameterizedTest
  @ValueSource(strings = {" ext-42", "ext-42 ", "ext-42\u00A0", "\uFEFFext-42", "ext-42\u200B"})
  void refusesASubWithASpaceOrInvisibleCharacterAtAnEnd(String sub) {
    assertRefused(hs256(valid().claim("sub", sub).build()), ProblemType.EXTERNAL_ID_SPACED);
  }

  @Test
  void keepsTheSubExactlyAsSigned() {
    assertThat(verify(hs256(valid().claim("sub", "Zoe\u0308 42").build())).sub())
        .isEqualTo("Zoe\u0308 42");
  }

  @ParameterizedTest
  @ValueSource(strings = {"firstName", "lastName", "title"})
  void refusesANameMadeOnlyOfInvisibleCharacters(String claim) {
    assertRefused(
        hs256(valid().claim(claim, "\u200B\u00A0\uFEFF").build()), ProblemType.NAME_INVISIBLE);
  }

  @Test
  void keepsNamesInNfc() {
    var claims =
        verify(
            hs256(
                valid()
                    .claim("firstName", "Zoe\u0308")
                    .claim("lastName", "\u00A0Mu\u0308ller")
                    .claim("title", "Ge\u0301rante")
                    .build()));

    assertThat(claims.firstName()).isEqualTo("Zo\u00eb");
    assertThat(claims.lastName()).isEqualTo("M\u00fcller");
    assertThat(claims.title()).contains("G\u00e9rante");
  }

  @Test
  void refusesANumericSub() {
    assertRefused(hs256(valid().claim("sub", 42).build()), JWT_CLAIM_INVALID);
  }

  @Test
  void refusesAnArraySub() {
    assertRefused(hs256(valid().claim("sub", List.of("ext-42")).build()), JWT_CLAIM_INVALID);
  }

  @Test
  void refusesANumericFirstName() {
    assertRefused(hs256(valid().claim("firstName", 7).build()), JWT_CLAIM_INVALID);
  }

  @Test
  void refusesAFirstNameOf256Characters() {
    assertRefused(hs256(valid().claim("firstName", "A".repeat(256)).build()), JWT_CLAIM_INVALID);
  }

  @Test
  void acceptsAFirstNameOf255Characters() {
    assertThat(verify(hs256(valid().claim("firstName", "A".repeat(255)).build())).firstName())
        .hasSize(255);
  }

  @Test
  void refusesControlCharactersInAName() {
    assertRefused(hs256(valid().claim("lastName", "Love\nlace").build()), JWT_CLAIM_INVALID);
  }

  @Test
  void refusesATokenWithoutExpByDefault() {
    assertRefused(hs256(valid().expirationTime(null).build()), JWT_EXP_MISSING);
  }

  @Test
  void acceptsATokenWithoutExpWhenTheSpaceOptsOut() {
    var lenient =
        new SsoTokenPolicy(
            Set.of("HS256"), false, Duration.ofMinutes(5), SsoTokenPolicy.DEFAULT_SKEW);

    var claims =
        SsoTokenVerifier.verify(
            hs256(valid().expirationTime(null).build()), List.of(KEY), lenient, NOW);

    assertThat(claims.expiresAt()).isEmpty();
  }

  @Test
  void refusesATokenExpiredBeyondTheClockSkew() {
    var token =
        hs256(
            valid()
                .issueTime(at(NOW.minusSeconds(120)))
                .expirationTime(at(NOW.minusSeconds(31)))
                .build());

    assertRefused(token, JWT_EXPIRED);
  }

  @Test
  void acceptsATokenExpiredWithinTheClockSkew() {
    var token =
        hs256(
            valid()
                .issueTime(at(NOW.minusSeconds(120)))
                .expirationTime(at(NOW.minusSeconds(20)))
                .build());

    assertThat(verify(token).expiresAt()).contains(NOW.minusSeconds(20));
  }

  @Test
  void refusesATokenIssuedInTheFutureBeyondTheClockSkew() {
    var token =
        hs256(
            valid()
                .issueTime(at(NOW.plusSeconds(45)))
                .expirationTime(at(NOW.plusSeconds(105)))
                .build());

    assertRefused(token, JWT_NOT_YET_VALID);
  }

  @Test
  void acceptsATokenIssuedInTheFutureWithinTheClockSkew() {
    var token =
        hs256(
            valid()
                .issueTime(at(NOW.plusSeconds(20)))
                .expirationTime(at(NOW.plusSeconds(80)))
                .build());

    assertThat(verify(token).issuedAt()).contains(NOW.plusSeconds(20));
  }

  @Test
  void refusesATokenNotValidBeforeAFutureInstant() {
    var token = hs256(valid().notBeforeTime(at(NOW.plusSeconds(45))).build());

    assertRefused(token, JWT_NOT_YET_VALID);
  }

  @Test
  void refusesATokenLivingLongerThanTheMaximumLifetime() {
    var token =
        hs256(
            valid()
                .issueTime(at(NOW.minusSeconds(10)))
                .expirationTime(at(NOW.plus(Duration.ofMinutes(6))))
                .build());

    assertRefused(token, JWT_LIFETIME);
  }

  @Test
  void refusesALongLivedTokenWithoutIatCountingFromNow() {
    var token =
        hs256(valid().issueTime(null).expirationTime(at(NOW.plus(Duration.ofHours(1)))).build());

    assertRefused(token, JWT_LIFETIME);
  }

  @Test
  void acceptsATokenLivingExactlyTheMaximumLifetime() {
    var token =
        hs256(
            valid()
                .issueTime(at(NOW.minusSeconds(10)))
                .expirationTime(at(NOW.minusSeconds(10).plus(Duration.ofMinutes(5))))
                .build());

    assertThat(verify(token).sub()).isEqualTo("ext-42");
  }

  @Test
  void refusesATokenSignedWithAnotherKey() {
    assertRefused(sign(JWSAlgorithm.HS256, OTHER_KEY, valid().build()), JWT_SIGNATURE);
  }

  @Test
  void refusesATokenWhoseSignatureWasTamperedWith() {
    var token = hs256(valid().build());
    var middle = token.lastIndexOf('.') + 10;
    var tampered =
        token.substring(0, middle)
            + (token.charAt(middle) == 'A' ? 'B' : 'A')
            + token.substring(middle + 1);

    assertRefused(tampered, JWT_SIGNATURE);
  }

  @Test
  void refusesATokenWhosePayloadWasSwapped() {
    var token = hs256(valid().build());
    var forged = hs256(valid().subject("admin").build());
    var parts = token.split("\\.");
    var swapped = parts[0] + "." + forged.split("\\.")[1] + "." + parts[2];

    assertRefused(swapped, JWT_SIGNATURE);
  }

  @Test
  void acceptsATokenSignedWithThePreviousKeyDuringRotation() {
    var token = sign(JWSAlgorithm.HS256, PREVIOUS_KEY, valid().build());

    var claims = SsoTokenVerifier.verify(token, List.of(KEY, PREVIOUS_KEY), POLICY, NOW);

    assertThat(claims.sub()).isEqualTo("ext-42");
  }

  @Test
  void refusesATokenSignedWithAKeyThatWasRotatedOut() {
    assertRefused(sign(JWSAlgorithm.HS256, PREVIOUS_KEY, valid().build()), JWT_SIGNATURE);
  }

  @Test
  void refusesAnUnsignedTokenWithAlgNone() {
    assertRefused(new PlainJWT(valid().build()).serialize(), JWT_ALGORITHM);
  }

  @Test
  void refusesRs256WhereHs256IsConfigured() throws Exception {
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), valid().build());
    jwt.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));

    assertRefused(jwt.serialize(), JWT_ALGORITHM);
  }

  @Test
  void refusesHs512EvenWithTheSpaceKey() {
    assertRefused(sign(JWSAlgorithm.HS512, KEY, valid().build()), JWT_ALGORITHM);
  }

  @Test
  void refusesAnEncryptedToken() throws JOSEException {
    var jwe =
        new JWEObject(
            new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM),
            new Payload(valid().build().toJSONObject()));
    jwe.encrypt(new DirectEncrypter(KEY.substring(0, 32).getBytes(StandardCharsets.UTF_8)));

    assertRefused(jwe.serialize(), JwtSsoProblem.JWT_ENCRYPTED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not-a-jwt",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJleHQtNDIifQ",
        "a.b.c",
        "....",
        "%%%.%%%.%%%"
      })
  void refusesSomethingThatIsNotAJwt(String token) {
    assertRefused(token, JWT_MALFORMED);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "\t\n"})
  void refusesAMissingToken(String token) {
    assertRefused(token, JWT_MISSING);
  }

  @Test
  void refusesATokenLongerThan8192Characters() {
    var token = hs256(valid().claim("title", "t".repeat(9000)).build());

    assertThat(token).hasSizeGreaterThan(SsoTokenVerifier.MAX_TOKEN_LENGTH);
    assertRefused(token, JWT_TOO_LARGE);
  }

  @Test
  void refusesAnyStringLongerThan8192CharactersBeforeParsingIt() {
    assertRefused("x".repeat(8193), JWT_TOO_LARGE);
  }

  @Test
  void splitsACommaSeparatedGroupsJoinString() {
    assertThat(verify(hs256(valid().claim("groups:join", "a, b,,c").build())).groupsJoin())
        .containsExactly("a", "b", "c");
  }

  @Test
  void readsAGroupsJoinArray() {
    assertThat(verify(hs256(valid().claim("groups:join", List.of("a", "b")).build())).groupsJoin())
        .containsExactly("a", "b");
  }

  @Test
  void refusesGroupsJoinWithANonStringElement() {
    assertRefused(hs256(valid().claim("groups:join", List.of("a", 2)).build()), JWT_CLAIM_INVALID);
  }

  @Test
  void refusesGroupsLeaveThatIsAnObject() {
    assertRefused(
        hs256(valid().claim("groups:leave", Map.of("a", "b")).build()), JWT_CLAIM_INVALID);
  }

  @Test
  void refusesMoreThanAHundredGroups() {
    var groups = java.util.stream.IntStream.rangeClosed(1, 101).mapToObj(i -> "g" + i).toList();

    assertRefused(hs256(valid().claim("groups:join", groups).build()), JWT_CLAIM_INVALID);
  }

  @Test
  void readsCustomPropertiesAsAnObjectOfStrings() {
    var claims =
        verify(
            hs256(
                valid()
                    .claim("customProperties", Map.of("company", "Acme", "country", "FR"))
                    .build()));

    assertThat(claims.customProperties())
        .containsExactlyInAnyOrderEntriesOf(Map.of("company", "Acme", "country", "FR"));
  }

  @Test
  void refusesCustomPropertiesThatAreNotAnObject() {
    assertRefused(
        hs256(valid().claim("customProperties", "company=Acme").build()), JWT_CLAIM_INVALID);
  }

  @Test
  void refusesACustomPropertyThatIsNotAString() {
    assertRefused(
        hs256(valid().claim("customProperties", Map.of("seats", 12)).build()), JWT_CLAIM_INVALID);
  }

  @Test
  void refusesADomainThatIsNotAUrl() {
    assertRefused(
        hs256(valid().claim("domains:set", Map.of("blog", "not a url")).build()),
        JWT_CLAIM_INVALID);
  }

  @Test
  void refusesADomainWithAnotherScheme() {
    assertRefused(
        hs256(valid().claim("domains:set", Map.of("blog", "javascript:alert(1)")).build()),
        JWT_CLAIM_INVALID);
  }

  @Test
  void refusesCriticalHeaderParameters() {
    var header =
        new JWSHeader.Builder(JWSAlgorithm.HS256)
            .criticalParams(Set.of("foyer-ext"))
            .customParam("foyer-ext", "x")
            .build();

    assertRefused(sign(header, KEY, valid().build()), JWT_MALFORMED);
  }

  @Test
  void refusesAnExpThatIsNotANumber() {
    assertRefused(hs256(valid().claim("exp", "tomorrow").build()), JWT_CLAIM_INVALID);
  }

  /**
   * Spellings of one valid token's signature that nimbus's lenient decoder reads as the same bytes,
   * so that nimbus alone accepts every one of them.
   */
  static List<String> signatureRespellings(String token) {
    var dot = token.lastIndexOf('.');
    var head = token.substring(0, dot + 1);
    var signature = token.substring(dot + 1);
    var last = signature.length() - 1;
    var alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    var value = alphabet.indexOf(signature.charAt(last));
    var respellings = new java.util.ArrayList<String>();
    // HS256's 32 bytes are 43 characters: the last one carries 2 bits nobody reads.
    for (int unused = 1; unused < 4; unused++) {
      respellings.add(head + signature.substring(0, last) + alphabet.charAt(value ^ unused));
    }
    respellings.add(head + signature + "=");
    respellings.add(head + signature.substring(0, 10) + "!" + signature.substring(10));
    respellings.add(head + signature.substring(0, 10) + " " + signature.substring(10));
    respellings.add(head + signature.substring(0, 10) + "\n" + signature.substring(10));
    respellings.add(head + signature + "~");
    return respellings;
  }

  @Test
  void refusesEverySpellingOfAValidSignatureButTheCanonicalOne() throws Exception {
    var token = hs256(valid().build());
    var respellings = signatureRespellings(token);

    assertThat(respellings).hasSize(8).doesNotContain(token).doesNotHaveDuplicates();
    for (var respelling : respellings) {
      // Proof that each is the same signature to a lenient decoder: nimbus verifies it.
      assertThat(
              com.nimbusds.jose.JWSObject.parse(respelling)
                  .verify(new com.nimbusds.jose.crypto.MACVerifier(KEY)))
          .as(respelling)
          .isTrue();
      assertRefused(respelling, JWT_MALFORMED);
    }
    assertThat(verify(token).sub()).isEqualTo("ext-42");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        " {token}",
        "{token} ",
        "{token}\n",
        "\t{token}",
        "{header}=.{payload}.{signature}",
        "{header}.{payload}==.{signature}",
        "{header}.{payload}.{signature}==",
        "{header}.{pay+load}.{signature}",
        "{header}.{payload}.{sig/nature}",
        "{header}.{payload}.{signature}.",
        ".{header}.{payload}.{signature}",
        "{header}..{payload}.{signature}",
        "{header}.{payload}",
        "{header}.{payload}.{signature}.{payload}"
      })
  void refusesATokenNotInCanonicalCompactFormAsMalformed(String template) {
    var token = hs256(valid().build());
    var parts = token.split("\\.");
    var spelled =
        template
            .replace("{token}", token)
            .replace("{header}", parts[0])
            .replace("{payload}", parts[1])
            .replace("{signature}", parts[2])
            .replace("{pay+load}", parts[1].substring(0, 4) + "+" + parts[1].substring(5))
            .replace("{sig/nature}", parts[2].substring(0, 4) + "/" + parts[2].substring(5));

    assertRefused(spelled, JWT_MALFORMED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "QQ", "QUI", "QUJD", "AAAA-_8", "eyJhbGciOiJIUzI1NiJ9"})
  void readsCanonicalBase64UrlAsCanonical(String part) {
    assertThat(SsoTokenVerifier.isCanonicalBase64Url(part)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Q", "QR", "QUJ", "QQ==", "QUI=", "QU I", " QQ", "Q+", "Q/", "QQ\n", "QQ.", "Q%3D"
      })
  void readsPaddingStrayCharactersAndUnusedBitsAsNotCanonical(String part) {
    assertThat(SsoTokenVerifier.isCanonicalBase64Url(part)).isFalse();
  }

  @Test
  void keysSingleUseOnTheDecodedSignatureWithoutJti() throws Exception {
    var token = hs256(valid().build());
    var signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
    var digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signature));

    var claims = verify(token);

    assertThat(claims.signatureDigest()).isEqualTo(digest);
    assertThat(claims.singleUseKey("space-1")).isEqualTo("sig:space-1:" + digest);
    assertThat(verify(token).singleUseKey("space-1")).isEqualTo(claims.singleUseKey("space-1"));
  }

  @Test
  void keysSingleUseOfTokensWithoutJtiApartWhenTheyDiffer() {
    var first = verify(hs256(valid().build()));
    var second = verify(hs256(valid().issueTime(at(NOW.minusSeconds(4))).build()));

    assertThat(second.singleUseKey("space-1")).isNotEqualTo(first.singleUseKey("space-1"));
  }

  @Test
  void keysSingleUseOnTheJtiWhateverElseTheTokenSays() {
    var first = verify(hs256(valid().jwtID("order-7").build()));
    var second = verify(hs256(valid().jwtID("order-7").subject("ext-43").build()));

    assertThat(first.singleUseKey("space-1")).isEqualTo("jti:space-1:order-7");
    assertThat(second.singleUseKey("space-1")).isEqualTo(first.singleUseKey("space-1"));
    assertThat(second.signatureDigest()).isNotEqualTo(first.signatureDigest());
  }

  @Test
  void keysSingleUseWithinItsSpace() {
    var claims = verify(hs256(valid().build()));
    var withJti = verify(hs256(valid().jwtID("order-7").build()));

    assertThat(claims.singleUseKey("space-1")).isNotEqualTo(claims.singleUseKey("space-2"));
    assertThat(withJti.singleUseKey("space-1")).isNotEqualTo(withJti.singleUseKey("space-2"));
  }

  @Test
  void refusalsCarryTheirStableCodes() {
    assertThat(
            List.of(
                JWT_MISSING,
                JWT_TOO_LARGE,
                JWT_MALFORMED,
                JWT_ENCRYPTED,
                JWT_ALGORITHM,
                JWT_SIGNATURE,
                JWT_EXP_MISSING,
                JWT_EXPIRED,
                JWT_NOT_YET_VALID,
                JWT_LIFETIME,
                JWT_CLAIM_MISSING,
                JWT_CLAIM_INVALID,
                JWT_EMAIL_INVALID,
                JWT_AVATAR_INVALID))
        .extracting(ProblemCode::code)
        .containsExactly(
            "JWT1", "JWT2", "JWT3", "JWT4", "JWT5", "JWT6", "JWT7", "JWT8", "JWT9", "JWT10",
            "JWT12", "JWT13", "JWT14", "JWT15");
  }

  // --- helpers

  private static JWTClaimsSet.Builder valid() {
    return new JWTClaimsSet.Builder()
        .subject("ext-42")
        .claim("firstName", "Ada")
        .claim("lastName", "Lovelace")
        .claim("email", "ada@example.com")
        .issueTime(at(NOW.minusSeconds(5)))
        .expirationTime(at(NOW.plusSeconds(60)));
  }

  private static JWTClaimsSet without(JWTClaimsSet claims, String name) {
    var builder = new JWTClaimsSet.Builder();
    claims
        .getClaims()
        .forEach(
            (key, value) -> {
              if (!key.equals(name)) {
                builder.claim(key, value);
              }
            });
    return builder.build();
  }

  private static Date at(Instant instant) {
    return Date.from(instant);
  }

  private static String hs256(JWTClaimsSet claims) {
    return sign(JWSAlgorithm.HS256, KEY, claims);
  }

  private static String sign(JWSAlgorithm algorithm, String key, JWTClaimsSet claims) {
    return sign(new JWSHeader(algorithm), key, claims);
  }

  private static String sign(JWSHeader header, String key, JWTClaimsSet claims) {
    try {
      var jwt = new SignedJWT(header, claims);
      jwt.sign(new MACSigner(key.getBytes(StandardCharsets.UTF_8)));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SsoClaims verify(String token) {
    return SsoTokenVerifier.verify(token, List.of(KEY), POLICY, NOW);
  }

  private static void assertRefused(String token, ProblemCode expected) {
    assertThatThrownBy(() -> verify(token))
        .isInstanceOfSatisfying(
            GatewayProblem.class, problem -> assertThat(problem.type()).isEqualTo(expected));
  }
}
