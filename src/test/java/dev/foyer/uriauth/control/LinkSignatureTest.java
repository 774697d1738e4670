package dev.foyer.uriauth.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LinkSignatureTest {
  // Expected signatures were computed once outside Java, e.g.
  // printf 'account=acme\ngivenName=Sue\nts=1700000000\nuid=42' | openssl dgst -sha256 -hmac s3cret
  // The README's Node, Python and PHP snippets produce the same values for the same inputs.
  private static final String README_EXAMPLE =
      "014a2e9a36260d391aa8d629cb6e189a24e6ddc517bb76f18ff2de7c11e4c142";
  private static final String ZOE =
      "6eb7ce02d68bd822b9daca3e40e93394104c4479f5f49ee851afe4b621c67453";
  private static final String ZOE_NON_ASCII_SECRET =
      "20bd09be29116ffd7fa617b0f331e1c4ba4ce5a4e4a3e169a2aa0d34c12d728e";
  private static final String EMPTY_FAMILY_NAME =
      "1c1ed79432b91ab3b0d87e27ba7fa3f5fa1a91131b8fff5c8656a1a87cece28a";

  @Test
  void writesTheReadmeExampleCanonicalForm() {
    var canonical = LinkSignature.canonical(readmeExample());

    assertThat(canonical).isEqualTo("account=acme\ngivenName=Sue\nts=1700000000\nuid=42");
  }

  @Test
  void signsTheReadmeExampleAsOpensslDoes() {
    assertThat(LinkSignature.sign("s3cret", readmeExample())).isEqualTo(README_EXAMPLE);
  }

  @Test
  void leavesTheSignatureOutOfTheCanonicalForm() {
    var parameters = readmeExample();
    parameters.put("sig", "whatever");

    assertThat(LinkSignature.canonical(parameters)).doesNotContain("sig");
    assertThat(LinkSignature.sign("s3cret", parameters)).isEqualTo(README_EXAMPLE);
  }

  @Test
  void keepsValuesRawNotUrlEncoded() {
    var parameters = new TreeMap<>(Map.of("familyName", "O'Brien & Co", "givenName", "Zoë"));

    assertThat(LinkSignature.canonical(parameters))
        .isEqualTo("familyName=O'Brien & Co\ngivenName=Zoë");
  }

  @Test
  void sortsNamesInByteOrderSoUpperCaseComesFirst() {
    var parameters = new TreeMap<>(Map.of("alpha", "1", "Zeta", "2", "_x", "3", "account", "4"));

    assertThat(LinkSignature.canonical(parameters)).isEqualTo("Zeta=2\n_x=3\naccount=4\nalpha=1");
  }

  @Test
  void includesParametersWithEmptyValues() {
    var parameters = readmeExample();
    parameters.put("familyName", "");

    assertThat(LinkSignature.canonical(parameters))
        .isEqualTo("account=acme\nfamilyName=\ngivenName=Sue\nts=1700000000\nuid=42");
    assertThat(LinkSignature.sign("s3cret", parameters)).isEqualTo(EMPTY_FAMILY_NAME);
  }

  @Test
  void signsNonAsciiValuesAsTheirUtf8Bytes() {
    var parameters = readmeExample();
    parameters.put("givenName", "Zoë");

    assertThat(LinkSignature.sign("s3cret", parameters)).isEqualTo(ZOE);
  }

  @Test
  void keysTheMacWithTheSecretsUtf8Bytes() {
    var parameters = readmeExample();
    parameters.put("givenName", "Zoë");
    parameters.put("familyName", "O'Brien & Co");

    assertThat(LinkSignature.sign("s3crët", parameters)).isEqualTo(ZOE_NON_ASCII_SECRET);
  }

  @Test
  void acceptsTheRightSignatureWhateverTheParameterOrder() {
    var unordered = new HashMap<>(readmeExample());
    unordered.put("sig", README_EXAMPLE);

    assertThat(LinkSignature.matches("s3cret", unordered, README_EXAMPLE)).isTrue();
  }

  @Test
  void acceptsUpperCaseHex() {
    assertThat(LinkSignature.matches("s3cret", readmeExample(), README_EXAMPLE.toUpperCase()))
        .isTrue();
  }

  @Test
  void refusesAChangedValue() {
    var parameters = readmeExample();
    parameters.put("uid", "43");

    assertThat(LinkSignature.matches("s3cret", parameters, README_EXAMPLE)).isFalse();
  }

  @Test
  void refusesAnAddedParameter() {
    var parameters = readmeExample();
    parameters.put("eventid", "welcome");

    assertThat(LinkSignature.matches("s3cret", parameters, README_EXAMPLE)).isFalse();
  }

  @Test
  void refusesAnotherSecret() {
    assertThat(LinkSignature.matches("s3cret2", readmeExample(), README_EXAMPLE)).isFalse();
  }

  @Test
  void refusesATruncatedOrEmptySignature() {
    assertThat(LinkSignature.matches("s3cret", readmeExample(), README_EXAMPLE.substring(0, 63)))
        .isFalse();
    assertThat(LinkSignature.matches("s3cret", readmeExample(), "")).isFalse();
  }

  private static TreeMap<String, String> readmeExample() {
    return new TreeMap<>(
        Map.of("account", "acme", "givenName", "Sue", "uid", "42", "ts", "1700000000"));
  }
}
