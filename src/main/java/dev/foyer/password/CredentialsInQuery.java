package dev.foyer.password;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Whether a query string names one of the password door's fields, the way the servlet container
 * would decode the name ({@code %65mail} and {@code e%6Dail} are {@code email}). A name that does
 * not decode counts as naming one: what the container makes of it is not for the door to guess.
 */
final class CredentialsInQuery {
  static final Set<String> FIELDS = Set.of("account", "email", "password");

  private CredentialsInQuery() {}

  static boolean named(String query) {
    if (query == null || query.isEmpty()) {
      return false;
    }
    for (var pair : query.split("&")) {
      int equals = pair.indexOf('=');
      var name = equals < 0 ? pair : pair.substring(0, equals);
      try {
        if (FIELDS.contains(URLDecoder.decode(name, StandardCharsets.UTF_8))) {
          return true;
        }
      } catch (IllegalArgumentException malformed) {
        return true;
      }
    }
    return false;
  }
}
