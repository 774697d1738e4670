package dev.foyer.members.entity;

import java.lang.Character.UnicodeScript;
import java.text.Normalizer;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a username looks like, after the idea of Unicode UTS #39's skeletons, bounded: NFKC (which
 * also folds fullwidth forms), case folded, the common Cyrillic, Greek and Latin lookalikes of
 * Latin letters mapped to them, and the classic {@code 0}/{@code o}, {@code 1}/{@code l}/{@code I},
 * {@code rn}/{@code m}, {@code vv}/{@code w}. Two usernames with one skeleton may be read as one.
 * It is not the full confusables table (no dependency brings it): it covers what impersonation uses
 * most, and the mixed-script rule ({@link #mixesScripts}) keeps out the rest of the cross-script
 * tricks.
 */
public final class UsernameSkeleton {
  /** The column's length; a longer skeleton is cut (only names past it could then meet). */
  public static final int MAX = 255;

  /** Lookalikes of Latin letters, by their case-folded form. */
  private static final Map<Integer, Character> LOOKALIKES =
      Map.ofEntries(
          // Cyrillic, lower case and the lower case of capitals that look Latin (В Н К М Т).
          Map.entry(0x0430, 'a'), // а
          Map.entry(0x0432, 'b'), // в (В)
          Map.entry(0x0435, 'e'), // е
          Map.entry(0x043A, 'k'), // к (К)
          Map.entry(0x043C, 'm'), // м (М)
          Map.entry(0x043D, 'h'), // н (Н)
          Map.entry(0x043E, 'o'), // о
          Map.entry(0x0440, 'p'), // р
          Map.entry(0x0441, 'c'), // с
          Map.entry(0x0442, 't'), // т (Т)
          Map.entry(0x0443, 'y'), // у
          Map.entry(0x0445, 'x'), // х
          Map.entry(0x0456, 'l'), // і, then as i
          Map.entry(0x0458, 'j'), // ј
          Map.entry(0x0455, 's'), // ѕ
          Map.entry(0x0501, 'd'), // ԁ
          Map.entry(0x04BB, 'h'), // һ
          Map.entry(0x051B, 'q'), // ԛ
          Map.entry(0x051D, 'w'), // ԝ
          Map.entry(0x04CF, 'l'), // ӏ
          Map.entry(0x0491, 'r'), // ґ
          // Greek, lower case and the lower case of capitals that look Latin (Β Ε Ζ Η Κ Μ Τ Χ).
          Map.entry(0x03B1, 'a'), // α
          Map.entry(0x03B2, 'b'), // β (Β)
          Map.entry(0x03B3, 'y'), // γ
          Map.entry(0x03B5, 'e'), // ε (Ε)
          Map.entry(0x03B6, 'z'), // ζ (Ζ)
          Map.entry(0x03B7, 'n'), // η
          Map.entry(0x03B9, 'l'), // ι, then as i
          Map.entry(0x03BA, 'k'), // κ (Κ)
          Map.entry(0x03BC, 'u'), // μ
          Map.entry(0x03BD, 'v'), // ν
          Map.entry(0x03BF, 'o'), // ο
          Map.entry(0x03C1, 'p'), // ρ
          Map.entry(0x03C4, 't'), // τ (Τ)
          Map.entry(0x03C5, 'u'), // υ
          Map.entry(0x03C7, 'x'), // χ (Χ)
          Map.entry(0x03C9, 'w'), // ω
          Map.entry(0x03F2, 'c'), // ϲ
          Map.entry(0x03F3, 'j'), // ϳ
          // Latin letters that look like other Latin letters.
          Map.entry(0x0131, 'l'), // ı, then as i
          Map.entry(0x0269, 'l'), // ɩ, then as i
          Map.entry(0x0261, 'g'), // ɡ
          Map.entry(0x0251, 'a'), // ɑ
          Map.entry(0x028B, 'u'), // ʋ
          // The classic ones: 0 as o; 1, i, l, I and | as one.
          Map.entry((int) '0', 'o'),
          Map.entry((int) '1', 'l'),
          Map.entry((int) 'i', 'l'),
          Map.entry((int) '|', 'l'));

  /** Scripts a username may mix with Latin (UTS #39 "highly restrictive"). */
  private static final Set<Set<UnicodeScript>> ALLOWED_MIXES =
      Set.of(
          EnumSet.of(
              UnicodeScript.LATIN,
              UnicodeScript.HAN,
              UnicodeScript.HIRAGANA,
              UnicodeScript.KATAKANA),
          EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.BOPOMOFO),
          EnumSet.of(UnicodeScript.LATIN, UnicodeScript.HAN, UnicodeScript.HANGUL));

  private UsernameSkeleton() {}

  /** The skeleton of a username, at most {@link #MAX} characters; null for null. */
  public static String of(String username) {
    if (username == null) {
      return null;
    }
    var folded = fold(username);
    var mapped = new StringBuilder(folded.length());
    folded
        .codePoints()
        .filter(cp -> Character.getType(cp) != Character.FORMAT)
        .forEach(
            cp -> {
              var latin = LOOKALIKES.get(cp);
              if (latin != null) {
                mapped.append(latin.charValue());
              } else {
                mapped.appendCodePoint(cp);
              }
            });
    var skeleton = mapped.toString().replace("rn", "m").replace("vv", "w");
    if (skeleton.length() > MAX) {
      var end = Character.isHighSurrogate(skeleton.charAt(MAX - 1)) ? MAX - 1 : MAX;
      skeleton = skeleton.substring(0, end);
    }
    return skeleton;
  }

  /**
   * Whether the username's letters come from more than one script, Common and Inherited aside,
   * other than Latin with the scripts written with Han (Japanese, Chinese, Korean).
   */
  public static boolean mixesScripts(String username) {
    var scripts = EnumSet.noneOf(UnicodeScript.class);
    fold(username)
        .codePoints()
        .mapToObj(UnicodeScript::of)
        .filter(s -> s != UnicodeScript.COMMON && s != UnicodeScript.INHERITED)
        .forEach(scripts::add);
    return scripts.size() > 1 && ALLOWED_MIXES.stream().noneMatch(a -> a.containsAll(scripts));
  }

  /** NFKC and case folding (upper then lower, so ß and ς meet ss and σ), NFKC again. */
  private static String fold(String username) {
    var nfkc = Normalizer.normalize(username, Normalizer.Form.NFKC);
    return Normalizer.normalize(
        nfkc.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
  }
}
