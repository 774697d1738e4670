package dev.foyer.web;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the next page of a long admin list starts (keyset pagination): the sort key of the last row
 * served, a time and the row's id, newest first. Unlike an offset, it neither repeats nor skips a
 * row when rows are added or removed between pages. It goes out as the list's {@code Link: <...>;
 * rel="next"} (RFC 8288) with an opaque {@code after} parameter, and comes back in that parameter.
 *
 * @param at the last row's time, as the database keeps it
 * @param id the last row's id, which orders rows of one instant
 */
public record PageCursor(Instant at, String id) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,36}");

  /** Longer than any cursor made here: not worth decoding. */
  private static final int MAX = 200;

  /** The opaque text of the {@code after} parameter. */
  public String text() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((at + " " + id).getBytes(StandardCharsets.UTF_8));
  }

  /** An {@code after} parameter as this made it; anything else is empty. */
  public static Optional<PageCursor> parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX) {
      return Optional.empty();
    }
    try {
      var decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      var space = decoded.indexOf(' ');
      if (space < 0 || !ID.matcher(decoded.substring(space + 1)).matches()) {
        return Optional.empty();
      }
      return Optional.of(
          new PageCursor(Instant.parse(decoded.substring(0, space)), decoded.substring(space + 1)));
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /**
   * A list answer: the page's rows, and a link to the page after it when there is one (the same
   * request with {@code after} set).
   */
  public static Response page(Object rows, Optional<PageCursor> next, UriInfo uriInfo) {
    var answer = Response.ok(rows);
    next.ifPresent(
        cursor ->
            answer.link(
                uriInfo.getRequestUriBuilder().replaceQueryParam("after", cursor.text()).build(),
                "next"));
    return answer.build();
  }
}
