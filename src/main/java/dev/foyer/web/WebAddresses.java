package dev.foyer.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one definition of a valid email address and of an absolute web URL, for every door and the
 * admin API.
 */
public final class WebAddresses {
  /**
   * WHATWG HTML's valid e-mail address, plus a dot in the domain: intranet mail is still routable
   * mail.
   */
  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");

  private WebAddresses() {}

  public static boolean isEmail(String text) {
    return text != null && text.length() <= 255 && EMAIL.matcher(text).matches();
  }

  /** An absolute http(s) URL with a host and no user info; empty for anything else. */
  public static Optional<URI> httpUrl(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      var uri = new URI(text);
      var scheme = uri.getScheme();
      if (uri.isAbsolute()
          && ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null) {
        return Optional.of(uri);
      }
    } catch (URISyntaxException e) {
      // not a URL
    }
    return Optional.empty();
  }
}
