package dev.foyer.uriauth.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.foyer.problems.GatewayProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UriAuthRequestTest {

  @Test
  void readsEverySeedParameter() {
    var request =
        parse(
            "account", "acme",
            "givenName", "Sue",
            "familyName", "Doe",
            "email", "sue.doe@example.com",
            "uid", "crm-42",
            "eventid", "welcome");

    assertThat(request.account()).isEqualTo("acme");
    assertThat(request.givenName()).isEqualTo("Sue");
    assertThat(request.familyName()).contains("Doe");
    assertThat(request.email()).contains("sue.doe@example.com");
    assertThat(request.uid()).contains("crm-42");
    assertThat(request.eventId()).contains("welcome");
    assertThat(request.timestamp()).isEmpty();
    assertThat(request.signature()).isEmpty();
  }

  @Test
  void needsOnlyAccountAndGivenName() {
    var request = parse("account", "acme", "givenName", "Sue");

    assertThat(request.familyName()).isEmpty();
    assertThat(request.email()).isEmpty();
    assertThat(request.uid()).isEmpty();
    assertThat(request.eventId()).isEmpty();
  }

  @Test
  void readsTimestampAndSignature() {
    var request = parse("account", "acme", "givenName", "Sue", "ts", "1700000000", "sig", "ab12");

    assertThat(request.timestamp()).contains("1700000000");
    assertThat(request.signature()).contains("ab12");
  }

  @Test
  void keepsEveryParameterAsReceivedForTheSignature() {
    var request =
        parse(
            "uid",
            "42",
            "account",
            "acme",
            "givenName",
            " Sue ",
            "utm_source",
            "crm",
            "sig",
            "ab12");

    assertThat(request.parameters())
        .containsExactly(
            Map.entry("account", "acme"),
            Map.entry("givenName", " Sue "),
            Map.entry("sig", "ab12"),
            Map.entry("uid", "42"),
            Map.entry("utm_source", "crm"));
  }

  @Test
  void stripsSurroundingWhitespaceFromValues() {
    var request = parse("account", " acme ", "givenName", "  Sue ", "email", " sue@example.com ");

    assertThat(request.account()).isEqualTo("acme");
    assertThat(request.givenName()).isEqualTo("Sue");
    assertThat(request.email()).contains("sue@example.com");
  }

  @Test
  void ignoresUnknownParameters() {
    var request =
        parse("account", "acme", "givenName", "Sue", "lang", "de", "utm_campaign", "spring");

    assertThat(request.givenName()).isEqualTo("Sue");
  }

  @Test
  void refusesAMissingAccount() {
    assertThat(refusal("givenName", "Sue")).isEqualTo("UAACCT1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "   "})
  void refusesABlankAccount(String account) {
    assertThat(refusal("account", account, "givenName", "Sue")).isEqualTo("UAACCT1");
  }

  @Test
  void refusesAMissingGivenName() {
    assertThat(refusal("account", "acme", "familyName", "Doe")).isEqualTo("UAGN1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\u2003"})
  void refusesABlankGivenName(String givenName) {
    assertThat(refusal("account", "acme", "givenName", givenName)).isEqualTo("UAGN1");
  }

  @Test
  void namesTheMissingAccountBeforeTheMissingGivenName() {
    assertThat(refusal("uid", "42")).isEqualTo("UAACCT1");
  }

  @Test
  void treatsAParameterWithoutValuesAsAbsent() {
    var raw = new LinkedHashMap<String, List<String>>();
    raw.put("account", List.of("acme"));
    raw.put("givenName", List.of());

    assertThat(code(() -> UriAuthRequest.parse(raw))).isEqualTo("UAGN1");
  }

  @Test
  void treatsBlankOptionalParametersAsAbsent() {
    var request =
        parse(
            "account", "acme",
            "givenName", "Sue",
            "familyName", "",
            "email", " ",
            "uid", "",
            "eventid", "",
            "ts", "",
            "sig", " ");

    assertThat(request.familyName()).isEmpty();
    assertThat(request.email()).isEmpty();
    assertThat(request.uid()).isEmpty();
    assertThat(request.eventId()).isEmpty();
    assertThat(request.timestamp()).isEmpty();
    assertThat(request.signature()).isEmpty();
  }

  @Test
  void acceptsValuesOf255Characters() {
    var request =
        parse(
            "account", "acme",
            "givenName", "g".repeat(255),
            "familyName", "f".repeat(255),
            "uid", "u".repeat(255),
            "email", "a".repeat(64) + "@" + ("b".repeat(61) + ".").repeat(3) + "info",
            "extra", "x".repeat(255));

    assertThat(request.givenName()).hasSize(255);
    assertThat(request.familyName()).hasValueSatisfying(name -> assertThat(name).hasSize(255));
    assertThat(request.email()).hasValueSatisfying(email -> assertThat(email).hasSize(255));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "account",
        "givenName",
        "familyName",
        "email",
        "uid",
        "eventid",
        "ts",
        "sig",
        "other"
      })
  void refusesAValueOf256Characters(String name) {
    var raw = request("account", "acme", "givenName", "Sue");
    raw.put(name, List.of("a".repeat(256)));

    assertThat(code(() -> UriAuthRequest.parse(raw))).isEqualTo("UALEN1");
  }

  @Test
  void refusesAParameterNameOf256Characters() {
    assertThat(refusal("account", "acme", "givenName", "Sue", "n".repeat(256), "x"))
        .isEqualTo("UALEN1");
  }

  @Test
  void acceptsAParameterNameOf255Characters() {
    var request = parse("account", "acme", "givenName", "Sue", "n".repeat(255), "x");

    assertThat(request.parameters()).containsKey("n".repeat(255));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sue@example.com",
        "sue.doe+chat@mail.example.co.uk",
        "o'brien@example.com",
        "SUE_DOE@EXAMPLE.COM",
        "a@b.co",
        "x!#$%&'*/=?^`{|}~-@intranet-1.example.org",
        "sue@sub-domain.example.com"
      })
  void acceptsValidEmails(String email) {
    assertThat(parse("account", "acme", "givenName", "Sue", "email", email).email())
        .contains(email);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "sue",
        "sue@",
        "@example.com",
        "sue@example",
        "sue@@example.com",
        "sue doe@example.com",
        "sue@exa mple.com",
        "sue@-example.com",
        "sue@example-.com",
        "sue@example..com",
        "sue@.example.com",
        "sue@example.com.",
        "<sue@example.com>",
        "Sue Doe <sue@example.com>",
        "sue@example.com,bob@example.com",
        "sue@[127.0.0.1]",
        "\"sue\"@example.com",
        "sue@exam_ple.com"
      })
  void refusesInvalidEmails(String email) {
    assertThat(refusal("account", "acme", "givenName", "Sue", "email", email)).isEqualTo("UAMAIL1");
  }

  @ParameterizedTest(name = "U+{0}")
  @ValueSource(
      strings = {
        "0000",
        "0001",
        "0009",
        "000A",
        "000D",
        "001B",
        "001F",
        "007F", // C0 and DEL
        "0080",
        "0085",
        "009B",
        "009F", // C1
        "202A",
        "202B",
        "202C",
        "202D",
        "202E", // bidi embeddings and overrides
        "2066",
        "2067",
        "2068",
        "2069" // bidi isolates
      })
  void refusesControlCharactersInAValue(String hex) {
    var control = Character.toString(Integer.parseInt(hex, 16));

    assertThat(refusal("account", "acme", "givenName", "Sue" + control + "Doe"))
        .isEqualTo("UACTL1");
    assertThat(refusal("account", "acme", "givenName", "Sue", "familyName", control + "Doe"))
        .isEqualTo("UACTL1");
    assertThat(refusal("account", "acme", "givenName", "Sue", "uid", "42" + control))
        .isEqualTo("UACTL1");
  }

  @Test
  void refusesARightToLeftOverrideThatDisguisesAName() {
    assertThat(refusal("account", "acme", "givenName", "Sue\u202Egpj.exe")).isEqualTo("UACTL1");
  }

  @Test
  void refusesControlCharactersInAParameterName() {
    assertThat(refusal("account", "acme", "givenName", "Sue", "x\ny", "1")).isEqualTo("UACTL1");
  }

  @Test
  void refusesControlCharactersInAnIgnoredParameter() {
    assertThat(refusal("account", "acme", "givenName", "Sue", "utm_source", "a\u0000b"))
        .isEqualTo("UACTL1");
  }

  @Test
  void refusesALineFeedThatWouldForgeACanonicalLine() {
    assertThat(refusal("account", "acme", "givenName", "Sue\nuid=admin")).isEqualTo("UACTL1");
  }

  @Test
  void acceptsNamesInAnyScript() {
    var request = parse("account", "acme", "givenName", "Zoë", "familyName", "عبد الله 李 Ölçer 🙂");

    assertThat(request.givenName()).isEqualTo("Zoë");
    assertThat(request.familyName()).contains("عبد الله 李 Ölçer 🙂");
  }

  @Test
  void refusesARepeatedParameter() {
    var raw = request("account", "acme", "givenName", "Sue");
    raw.put("uid", List.of("1", "2"));

    assertThat(code(() -> UriAuthRequest.parse(raw))).isEqualTo("UADUP1");
  }

  @Test
  void refusesARepeatedParameterEvenWithEqualValues() {
    var raw = request("account", "acme");
    raw.put("givenName", List.of("Sue", "Sue"));

    assertThat(code(() -> UriAuthRequest.parse(raw))).isEqualTo("UADUP1");
  }

  @Test
  void refusesARepeatedIgnoredParameter() {
    var raw = request("account", "acme", "givenName", "Sue");
    raw.put("utm_source", List.of("a", "b"));

    assertThat(code(() -> UriAuthRequest.parse(raw))).isEqualTo("UADUP1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"welcome", "town-hall", "ev_2024", "A", "9", "Ev-42_x", "ev-abcdefghjk"})
  void acceptsEventIds(String eventId) {
    assertThat(parse("account", "acme", "givenName", "Sue", "eventid", eventId).eventId())
        .contains(eventId);
  }

  @Test
  void acceptsAnEventIdOf64Characters() {
    var id = "e".repeat(64);

    assertThat(parse("account", "acme", "givenName", "Sue", "eventid", id).eventId()).contains(id);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../x",
        "..",
        "/spaces/other/events/x",
        "x/y",
        "x\\y",
        "https://evil.example.com/",
        "//evil.example.com",
        "javascript:alert(1)",
        "welcome?x=1",
        "welcome#top",
        "wel come",
        "wel.come",
        "-welcome",
        "_welcome",
        "wélcome",
        "%2e%2e"
      })
  void refusesEventIdsShapedLikePathsOrUrls(String eventId) {
    assertThat(refusal("account", "acme", "givenName", "Sue", "eventid", eventId))
        .isEqualTo("UAEV1");
  }

  @Test
  void refusesAnEventIdOf65Characters() {
    assertThat(refusal("account", "acme", "givenName", "Sue", "eventid", "e".repeat(65)))
        .isEqualTo("UAEV1");
  }

  @Test
  void keepsNamesInNfc() {
    var request = parse("account", "acme", "givenName", "Zoe\u0308", "familyName", "Mu\u0308ller");

    assertThat(request.givenName()).isEqualTo("Zo\u00eb");
    assertThat(request.familyName()).contains("M\u00fcller");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u200B", "\u00A0", "\uFEFF", "\u200B\u00A0 \u2060", "\u3164"})
  void refusesNamesMadeOnlyOfInvisibleCharacters(String name) {
    assertThat(refusal("account", "acme", "givenName", name)).isEqualTo("NAME1");
    assertThat(refusal("account", "acme", "givenName", "Sue", "familyName", name))
        .isEqualTo("NAME1");
  }

  @Test
  void cutsInvisibleCharactersAtTheEndsOfANameOnly() {
    var request = parse("account", "acme", "givenName", "\uFEFF\u00A0Jo\u200Dy\u200B");

    assertThat(request.givenName()).isEqualTo("Jo\u200Dy");
  }

  @ParameterizedTest
  @ValueSource(strings = {" 42", "42 ", "42\u00A0", "\uFEFF42", "42\u200B", "\u00A0"})
  void refusesAUidWithASpaceOrInvisibleCharacterAtAnEnd(String uid) {
    assertThat(refusal("account", "acme", "givenName", "Sue", "uid", uid)).isEqualTo("XID1");
  }

  @Test
  void keepsAUidExactlyAsSent() {
    var request = parse("account", "acme", "givenName", "Sue", "uid", "Zoe\u0308 42");

    assertThat(request.uid()).contains("Zoe\u0308 42");
  }

  private static UriAuthRequest parse(String... nameValuePairs) {
    return UriAuthRequest.parse(request(nameValuePairs));
  }

  private static String refusal(String... nameValuePairs) {
    return code(() -> UriAuthRequest.parse(request(nameValuePairs)));
  }

  private static String code(Runnable parse) {
    var problem = catchThrowableOfType(parse::run, GatewayProblem.class);
    assertThat(problem).as("a refusal").isNotNull();
    return problem.type().code();
  }

  private static LinkedHashMap<String, List<String>> request(String... nameValuePairs) {
    var raw = new LinkedHashMap<String, List<String>>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      raw.put(nameValuePairs[i], List.of(nameValuePairs[i + 1]));
    }
    return raw;
  }
}
