package dev.foyer.members.entity;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the administrators' member search matches a query against: each word of a member's names,
 * username and email, each of them whole, and the email's local part and domain, folded ({@link
 * #fold}). A query matches a member when every word of it begins one of the member's terms (or a
 * linked identity's external id, folded the same way). Prefix by word, not substring: {@code
 * lower(term) LIKE 'abc%'} reads an index on H2 and PostgreSQL alike, {@code '%abc%'} reads every
 * row (PostgreSQL would need pg_trgm, H2 has nothing like it).
 */
public final class SearchTerms {
  /** The column's length: a longer term is cut (a query word this long is not typed). */
  public static final int MAX = 255;

  /** Words of names and emails: what lies between spaces and punctuation. */
  private static final Pattern WORD_BREAK = Pattern.compile("[^\\p{L}\\p{N}]+");

  private static final Pattern MARKS = Pattern.compile("\\p{M}+");

  /** White space of any script, no-break spaces too. */
  private static final Pattern SPACES = Pattern.compile("[\\s\\p{Z}]+");

  private SearchTerms() {}

  /**
   * The terms of a member's profile: names (given, family, nickname), username and email, each
   * whole and word by word, folded, without duplicates.
   */
  public static Set<String> of(Member.Profile profile) {
    var terms = new LinkedHashSet<String>();
    for (var value :
        new String[] {
          profile.givenName(),
          profile.familyName(),
          profile.nickname(),
          profile.username(),
          profile.email()
        }) {
      if (value == null) {
        continue;
      }
      var whole = fold(value);
      add(terms, whole);
      for (var word : WORD_BREAK.split(whole)) {
        add(terms, word);
      }
    }
    if (profile.email() != null) {
      // An email's two halves too: "example.org" and "sue.doe" are what people type of one.
      var email = fold(profile.email());
      var at = email.lastIndexOf('@');
      if (at >= 0) {
        add(terms, email.substring(0, at));
        add(terms, email.substring(at + 1));
      }
    }
    return terms;
  }

  /**
   * A value as terms and query words compare it: NFKD without combining marks (so {@code zoe} finds
   * Zoë, {@code ﬁ} is {@code fi}), lower case ({@link Locale#ROOT}), runs of white space as one
   * space, no space at either end, at most {@link #MAX} characters.
   */
  public static String fold(String value) {
    var decomposed = Normalizer.normalize(value, Normalizer.Form.NFKD);
    var folded =
        SPACES
            .matcher(MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT))
            .replaceAll(" ")
            .strip();
    return Normalizer.normalize(cut(folded), Normalizer.Form.NFC);
  }

  /**
   * The words of a query, folded, each to be matched as a prefix: split at white space only, so
   * that {@code sue.doe@example} is one word matching an email from its start.
   */
  public static List<String> words(String query) {
    var words = new ArrayList<String>();
    // Word by word, so that only an overlong word is cut, never the words after it.
    for (var raw : SPACES.split(query)) {
      for (var word : SPACES.split(fold(raw))) {
        if (!word.isEmpty()) {
          words.add(word);
        }
      }
    }
    return words;
  }

  /** A prefix as a LIKE pattern with {@code \} as its escape character. */
  public static String prefixPattern(String word) {
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }

  private static void add(Set<String> terms, String term) {
    if (!term.isEmpty()) {
      terms.add(term);
    }
  }

  private static String cut(String value) {
    if (value.length() <= MAX) {
      return value;
    }
    var end = MAX;
    if (Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, end);
  }
}
