package dev.foyer.web;

import java.text.Normalizer;
import java.util.Optional;

/**
 * The one definition of a name Foyer stores and shows (a member's given and family name, nickname
 * and title, a space's name, an event's title, a group's name), for every door and the admin API. A
 * name is kept in Unicode NFC, so "Zoë" typed as {@code e} plus a combining diaeresis and as {@code
 * ë} is one name, and it must show something: a name made only of invisible characters (no width,
 * no-break spaces, a byte order mark, fillers) would show as a blank where a person's name belongs.
 * Invisible characters inside a name stay (a zero-width joiner is part of some scripts and emoji);
 * at its ends they are cut with the spaces, as a blank around a name was always cut.
 *
 * <p>External ids ({@code uid}, {@code sub}) are not names: they are compared exactly and never
 * normalised or cut ({@link #hasEdgeSpace}).
 */
public final class DisplayNames {
  private DisplayNames() {}

  /** What happened to a name sent in. */
  public sealed interface Outcome {}

  /** Nothing was sent, or only ordinary spaces: an absent (optional) or missing (required) name. */
  public record Absent() implements Outcome {}

  /** Something was sent, but nothing visible: refused. */
  public record Invisible() implements Outcome {}

  /** The name as stored: NFC, without spaces or invisible characters at its ends. */
  public record Name(String value) implements Outcome {}

  public static Outcome of(String raw) {
    if (raw == null || raw.strip().isEmpty()) {
      return new Absent();
    }
    var name = Normalizer.normalize(raw, Normalizer.Form.NFC);
    int start = 0;
    int end = name.length();
    while (start < end && isInvisible(name.codePointAt(start))) {
      start += Character.charCount(name.codePointAt(start));
    }
    while (end > start && isInvisible(name.codePointBefore(end))) {
      end -= Character.charCount(name.codePointBefore(end));
    }
    return start == end ? new Invisible() : new Name(name.substring(start, end));
  }

  /** The stored form, or empty for an absent or invisible name. */
  public static Optional<String> normalized(String raw) {
    return of(raw) instanceof Name name ? Optional.of(name.value()) : Optional.empty();
  }

  /** Whether an id starts or ends with a space or an invisible character. */
  public static boolean hasEdgeSpace(String id) {
    return !id.isEmpty()
        && (isInvisible(id.codePointAt(0)) || isInvisible(id.codePointBefore(id.length())));
  }

  /**
   * Spaces of every kind (Unicode White_Space, no-break spaces included), format characters (zero
   * width space and joiners, word joiner, BOM, soft hyphen, bidi marks) and the other default
   * ignorable characters that render as nothing (Hangul fillers, variation selectors, the combining
   * grapheme joiner), plus the braille blank that is often used as an invisible name.
   */
  static boolean isInvisible(int cp) {
    return Character.isWhitespace(cp)
        || Character.isSpaceChar(cp)
        || Character.isISOControl(cp)
        || Character.getType(cp) == Character.FORMAT
        || cp == 0x034F
        || cp == 0x115F
        || cp == 0x1160
        || cp == 0x17B4
        || cp == 0x17B5
        || (cp >= 0x180B && cp <= 0x180F)
        || cp == 0x2800
        || cp == 0x3164
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || cp == 0xFFA0
        || (cp >= 0xE0100 && cp <= 0xE01EF);
  }
}
