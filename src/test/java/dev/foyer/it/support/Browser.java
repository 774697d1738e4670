package dev.foyer.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * An HTTP client that behaves like one browser profile: it keeps cookies and never follows
 * redirects, so a test sees every 302 and its {@code Location}, and calls {@link #follow} when it
 * wants to go on.
 *
 * <p>Requests say {@code Accept: text/html} unless told otherwise; {@link #json()} gives a view
 * that asks for {@code application/json}, and {@link #bearer(String)} one that sends a token. Views
 * share the cookie jar of the browser they came from. Paths are relative to the server's root;
 * absolute URIs (an identity provider's, say) are used as they are. Header arguments are name/value
 * pairs: {@code get("/me", "Accept-Language", "de")}.
 */
public final class Browser {
  public static final String HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";
  public static final String JSON = "application/json";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final URI base;
  private final CookieManager cookies;
  private final HttpClient client;
  private final Map<String, String> defaults;

  /** A browser with an empty cookie jar; paths resolve against {@code base}. */
  public Browser(URI base) {
    this(base, new CookieManager(null, CookiePolicy.ACCEPT_ALL), Map.of("Accept", HTML));
  }

  private Browser(URI base, CookieManager cookies, Map<String, String> defaults) {
    this(
        base,
        cookies,
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .cookieHandler(cookies)
            .build(),
        defaults);
  }

  private Browser(
      URI base, CookieManager cookies, HttpClient client, Map<String, String> defaults) {
    this.base = URI.create(base.toString().replaceAll("/+$", ""));
    this.cookies = cookies;
    this.client = client;
    this.defaults = Map.copyOf(defaults);
  }

  /** The same browser (same cookies) asking for {@code application/json}. */
  public Browser json() {
    return withHeader("Accept", JSON);
  }

  /** The same browser (same cookies) sending {@code Authorization: Bearer <token>}. */
  public Browser bearer(String token) {
    return withHeader("Authorization", "Bearer " + token);
  }

  /** The same browser (same cookies) sending one more header on every request. */
  public Browser withHeader(String name, String value) {
    var headers = new LinkedHashMap<>(defaults);
    headers.put(name, value);
    return new Browser(base, cookies, client, headers);
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send(request(path, headers).GET());
  }

  public HttpResponse<String> delete(String path, String... headers) {
    return send(request(path, headers).DELETE());
  }

  /** An HTML form post, {@code application/x-www-form-urlencoded}, fields in the map's order. */
  public HttpResponse<String> postForm(String path, Map<String, String> fields, String... headers) {
    var body =
        fields.entrySet().stream()
            .map(field -> encode(field.getKey()) + "=" + encode(field.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        request(path, headers)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(BodyPublishers.ofString(body)));
  }

  /** An HTML form post from name/value pairs: {@code postForm("/login", "user", "ada")}. */
  public HttpResponse<String> postForm(String path, String... nameValuePairs) {
    return postForm(path, pairs(nameValuePairs));
  }

  /** A JSON post; it asks for {@code application/json} unless a header argument names Accept. */
  public HttpResponse<String> postJson(String path, String json, String... headers) {
    return send(jsonRequest(path, headers).POST(BodyPublishers.ofString(json)));
  }

  /** A JSON put; it asks for {@code application/json} unless a header argument names Accept. */
  public HttpResponse<String> putJson(String path, String json, String... headers) {
    return send(jsonRequest(path, headers).PUT(BodyPublishers.ofString(json)));
  }

  /** A JSON patch; it asks for {@code application/json} unless a header argument names Accept. */
  public HttpResponse<String> patchJson(String path, String json, String... headers) {
    return send(jsonRequest(path, headers).method("PATCH", BodyPublishers.ofString(json)));
  }

  /** GETs the {@code Location} of a redirect, resolved against the URI that answered it. */
  public HttpResponse<String> follow(HttpResponse<?> redirect, String... headers) {
    var location =
        redirect
            .headers()
            .firstValue("Location")
            .orElseThrow(
                () ->
                    new AssertionError(
                        "No Location header: " + redirect.statusCode() + " " + redirect.uri()));
    return get(redirect.uri().resolve(location).toString(), headers);
  }

  /**
   * Sends any request, adding this browser's default headers (Accept, Authorization, ...) that the
   * request does not set itself. Relative URIs in the builder are not supported: use {@link
   * #uri(String)}.
   */
  public HttpResponse<String> send(HttpRequest.Builder builder) {
    var request = builder.build();
    var missing =
        defaults.entrySet().stream()
            .filter(header -> request.headers().firstValue(header.getKey()).isEmpty())
            .toList();
    var complete = request;
    if (!missing.isEmpty()) {
      var copy = HttpRequest.newBuilder(request, (name, value) -> true);
      missing.forEach(header -> copy.header(header.getKey(), header.getValue()));
      complete = copy.build();
    }
    try {
      return client.send(complete, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted: " + request.method() + " " + request.uri(), e);
    }
  }

  /** A server path such as {@code /health/ready}, or an absolute URI kept as it is. */
  public URI uri(String pathOrUri) {
    var uri = URI.create(pathOrUri);
    return uri.isAbsolute()
        ? uri
        : URI.create(base + (pathOrUri.startsWith("/") ? "" : "/") + pathOrUri);
  }

  /** A request builder for {@code path} with the given name/value headers and the timeout. */
  public HttpRequest.Builder request(String path, String... headers) {
    var builder = HttpRequest.newBuilder(uri(path)).timeout(TIMEOUT);
    pairs(headers).forEach(builder::setHeader);
    return builder;
  }

  private HttpRequest.Builder jsonRequest(String path, String... headers) {
    var builder = request(path, headers).header("Content-Type", JSON);
    if (pairs(headers).keySet().stream().noneMatch("Accept"::equalsIgnoreCase)) {
      builder.setHeader("Accept", JSON);
    }
    return builder;
  }

  /** The first cookie of that name in the jar, whichever host set it. */
  public Optional<HttpCookie> cookie(String name) {
    return cookies().stream().filter(cookie -> cookie.getName().equals(name)).findFirst();
  }

  /** Every cookie in the jar, for any host. */
  public List<HttpCookie> cookies() {
    return cookies.getCookieStore().getCookies();
  }

  /** Forgets every cookie, as closing a private window would. */
  public void clearCookies() {
    cookies.getCookieStore().removeAll();
  }

  private static Map<String, String> pairs(String... nameValuePairs) {
    if (nameValuePairs.length % 2 != 0) {
      throw new IllegalArgumentException(
          "Expected name/value pairs, got " + List.of(nameValuePairs));
    }
    var map = new LinkedHashMap<String, String>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      map.put(nameValuePairs[i], nameValuePairs[i + 1]);
    }
    return map;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
