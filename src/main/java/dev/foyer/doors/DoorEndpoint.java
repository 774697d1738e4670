package dev.foyer.doors;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.pac4j.core.client.Client;

/**
 * One address of a door and the rules its guard applies before the door's client sees a request.
 *
 * @param name the client's name, and the door as login records and sessions name it
 * @param client the pac4j client that turns a request into an {@link AssertedProfile}
 * @param urlPatterns the servlet URL patterns the filters are mapped to
 * @param paths when a servlet pattern cannot say the door's paths ({@code /spot/{id}/sso/jwt}), the
 *     exact paths inside the patterns; other paths pass untouched
 * @param methods the HTTP methods accepted; others are refused with 405
 * @param mediaType the only media type a request body may have
 * @param account names the space from what the request shows before its body is read, so that
 *     refusals raised early are recorded for the right space; it may return null
 * @param accountInForm the space is the {@code account} form field, read once the guard's checks
 *     passed
 * @param embedded the embedded plugin calls it from the space's allowed origins (CORS)
 * @param maxBody the largest body accepted, in bytes
 */
public record DoorEndpoint(
    String name,
    Client client,
    List<String> urlPatterns,
    Optional<Pattern> paths,
    Set<String> methods,
    String mediaType,
    Function<HttpServletRequest, String> account,
    boolean accountInForm,
    boolean embedded,
    int maxBody) {

  public static final String FORM = "application/x-www-form-urlencoded";
  public static final String JSON = "application/json";

  /** An endpoint taking bodies up to {@link DoorGuard#MAX_BODY}. */
  public DoorEndpoint(
      String name,
      Client client,
      List<String> urlPatterns,
      Optional<Pattern> paths,
      Set<String> methods,
      String mediaType,
      Function<HttpServletRequest, String> account,
      boolean accountInForm,
      boolean embedded) {
    this(
        name,
        client,
        urlPatterns,
        paths,
        methods,
        mediaType,
        account,
        accountInForm,
        embedded,
        DoorGuard.MAX_BODY);
  }

  /** A door at one exact path, naming its space by the {@code account} query or form field. */
  public static DoorEndpoint at(
      String name, Client client, String path, Set<String> methods, String mediaType) {
    return new DoorEndpoint(
        name,
        client,
        List.of(path),
        Optional.empty(),
        methods,
        mediaType,
        DoorGuard::accountInQuery,
        mediaType.equals(FORM),
        false);
  }

  /** The same endpoint, called by the embedded plugin from the space's allowed origins. */
  public DoorEndpoint withEmbedCors() {
    return new DoorEndpoint(
        name,
        client,
        urlPatterns,
        paths,
        methods,
        mediaType,
        account,
        accountInForm,
        true,
        maxBody);
  }

  /** The same endpoint, taking bodies up to {@code bytes}. */
  public DoorEndpoint withMaxBody(int bytes) {
    return new DoorEndpoint(
        name,
        client,
        urlPatterns,
        paths,
        methods,
        mediaType,
        account,
        accountInForm,
        embedded,
        bytes);
  }
}
