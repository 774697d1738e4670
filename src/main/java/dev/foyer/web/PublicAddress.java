package dev.foyer.web;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Foyer's own address as participants reach it. With {@code foyer.public-url} set it is that URL's
 * origin, whatever {@code Host} a request carries: {@link PublicBaseUri} makes it the base of every
 * absolute URL built through JAX-RS (redirects, {@code redirectUrl}, {@code Location} of created
 * resources), and the origin checks compare with it. Without the setting, a request's own scheme,
 * {@code Host} and port are used, as before: then a client choosing its {@code Host} chooses where
 * Foyer's redirects point.
 */
@ApplicationScoped
public class PublicAddress {
  public static final String KEY = "foyer.public-url";

  @Inject
  @ConfigProperty(name = KEY)
  Optional<String> configured;

  private Optional<String> origin;

  @PostConstruct
  void read() {
    origin = configured.map(PublicAddress::origin);
  }

  void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
    // Created at start-up: a malformed foyer.public-url fails the deployment, not a sign-in.
  }

  /** The configured origin ({@code https://foyer.example.com}, no trailing slash), if any. */
  public Optional<String> origin() {
    return origin;
  }

  /** Foyer's origin for this request: the configured one, else as the request reached Foyer. */
  public String origin(HttpServletRequest request) {
    return origin.orElseGet(() -> Origins.of(request));
  }

  /**
   * The origin of a {@code foyer.public-url}: an absolute http(s) URL with a host and nothing after
   * it but an optional {@code /}. Foyer is served at the root, so a path would be dropped from
   * every redirect; it is refused rather than half-honoured. Scheme and host are lower-cased and a
   * default port dropped, as browsers write an {@code Origin}.
   */
  static String origin(String url) {
    var uri =
        WebAddresses.httpUrl(url.strip())
            .filter(
                u ->
                    u.getRawPath() == null
                        || u.getRawPath().isEmpty()
                        || u.getRawPath().equals("/"))
            .filter(u -> u.getRawQuery() == null && u.getRawFragment() == null)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        KEY
                            + " must be Foyer's external base URL, such as"
                            + " https://foyer.example.com (http or https, a host, no path, query or"
                            + " user), not: "
                            + url));
    var scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort();
    boolean defaultPort =
        port == -1
            || (scheme.equals("http") && port == 80)
            || (scheme.equals("https") && port == 443);
    return scheme
        + "://"
        + uri.getHost().toLowerCase(Locale.ROOT)
        + (defaultPort ? "" : ":" + port);
  }

  /** {@code uri} with its scheme and authority replaced by {@code origin}; path and query kept. */
  static URI rebased(String origin, URI uri) {
    var query = uri.getRawQuery();
    return URI.create(
        origin
            + (uri.getRawPath() == null ? "" : uri.getRawPath())
            + (query == null ? "" : "?" + query));
  }
}
