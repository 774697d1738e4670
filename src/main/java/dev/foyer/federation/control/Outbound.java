package dev.foyer.federation.control;

import dev.foyer.federation.entity.FederationProblem;
import dev.foyer.problems.GatewayProblem;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every call Foyer makes to an identity provider: connect and read timeouts, a cap on what it
 * reads, TLS verified by the JDK's trust store (or the operator's, through the standard {@code
 * javax.net.ssl.trustStore} properties), redirects never followed, an optional egress proxy, and
 * the headers that identify Foyer to the provider's firewall ({@code User-Agent: Foyer/<version>}
 * and {@code foyer.federation.identify-header}).
 */
@ApplicationScoped
public class Outbound {
  public static final String VERSION = "0.1.0";
  public static final String USER_AGENT = "Foyer/" + VERSION;

  @Inject
  @ConfigProperty(name = "foyer.federation.connect-timeout", defaultValue = "PT5S")
  Duration connectTimeout;

  @Inject
  @ConfigProperty(name = "foyer.federation.read-timeout", defaultValue = "PT10S")
  Duration readTimeout;

  @Inject
  @ConfigProperty(name = "foyer.federation.max-response-bytes", defaultValue = "1048576")
  int maxResponseBytes;

  /** A header sent with every call, {@code name: value}, so a firewall can let Foyer through. */
  @Inject
  @ConfigProperty(name = "foyer.federation.identify-header", defaultValue = "Foyer-Gateway: foyer")
  String identifyHeader;

  /** Providers on this machine may be called (development and tests only). */
  @Inject
  @ConfigProperty(name = "foyer.federation.allow-loopback", defaultValue = "false")
  boolean allowLoopback;

  /** {@code host:port} of an HTTP proxy for every call to identity providers; none if empty. */
  @Inject
  @ConfigProperty(name = "foyer.federation.proxy")
  Optional<String> proxy;

  private HttpClient client;
  private Optional<InetSocketAddress> proxyAddress;

  @PostConstruct
  void build() {
    proxyAddress =
        proxy
            .filter(p -> !p.isBlank())
            .map(
                p -> {
                  var colon = p.lastIndexOf(':');
                  if (colon <= 0) {
                    throw new IllegalStateException(
                        "foyer.federation.proxy must be host:port, not: " + p);
                  }
                  return InetSocketAddress.createUnresolved(
                      p.substring(0, colon), Integer.parseInt(p.substring(colon + 1)));
                });
    var builder =
        HttpClient.newBuilder()
            // HTTP/1.1: no h2c upgrade offered to a plain-http provider (development and tests).
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER);
    proxyAddress.ifPresent(address -> builder.proxy(ProxySelector.of(address)));
    client = builder.build();
  }

  /** The egress proxy, for the libraries that make their own calls; {@code NO_PROXY} if none. */
  public Proxy proxy() {
    return proxyAddress.map(address -> new Proxy(Proxy.Type.HTTP, address)).orElse(Proxy.NO_PROXY);
  }

  public int connectTimeoutMillis() {
    return (int) connectTimeout.toMillis();
  }

  public int readTimeoutMillis() {
    return (int) readTimeout.toMillis();
  }

  public int maxResponseBytes() {
    return maxResponseBytes;
  }

  /** The identifying headers, for the libraries that make their own calls (nimbus, scribejava). */
  public Map<String, String> headers() {
    var colon = identifyHeader.indexOf(':');
    if (colon <= 0) {
      return Map.of("User-Agent", USER_AGENT);
    }
    return Map.of(
        "User-Agent",
        USER_AGENT,
        identifyHeader.substring(0, colon).strip(),
        identifyHeader.substring(colon + 1).strip());
  }

  /** What a provider answered: the status and the body as text. */
  public record Answer(int status, String body) {
    public boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * A GET with the given extra headers, done within the read timeout in all (headers and body), and
   * read up to the size cap. Failing to reach the provider in time is {@code TO1}; an answer larger
   * than the cap, cut off or not UTF-8 is {@code RR1}; an address Foyer must not call is {@code
   * IOU2URL} ({@link #checkTarget}).
   */
  public Answer get(URI uri, Map<String, String> extraHeaders) {
    var headers = new java.util.LinkedHashMap<String, List<String>>();
    headers.put("Accept", List.of("application/json"));
    extraHeaders.forEach((name, value) -> headers.put(name, List.of(value)));
    Reply reply;
    try {
      reply = exchange("GET", uri, headers, null);
      return new Answer(reply.status(), reply.text());
    } catch (Failed failed) {
      throw new GatewayProblem(
          failed.unreadable()
              ? FederationProblem.RESPONSE_UNREADABLE
              : FederationProblem.USER_INFO_UNREACHABLE,
          "The identity provider's answer " + failed.getMessage() + ".");
    }
  }

  /** A provider's whole answer, read within Foyer's limits. */
  public record Reply(int status, Map<String, List<String>> headers, byte[] body) {
    /**
     * The body as text, which must be UTF-8.
     *
     * @throws Failed if it is not
     */
    public String text() throws Failed {
      try {
        return StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(body))
            .toString();
      } catch (CharacterCodingException e) {
        throw new Failed(Failed.Why.NOT_UTF8, "is not UTF-8");
      }
    }
  }

  /**
   * A call that brought no whole answer within Foyer's limits; its message completes "The identity
   * provider's answer ..." and names no secret (nor the provider's own text).
   */
  public static final class Failed extends IOException {
    /** What went wrong. */
    public enum Why {
      UNREACHABLE,
      TIMEOUT,
      TOO_LARGE,
      NOT_UTF8,
      /** A redirect, where a token call wants an answer: never followed. */
      REDIRECT
    }

    private final Why why;

    Failed(Why why, String message) {
      super(message, null);
      this.why = why;
    }

    public Why why() {
      return why;
    }

    /** An answer came but cannot be used (too large, not UTF-8), as opposed to none in time. */
    public boolean unreadable() {
      return why == Why.TOO_LARGE || why == Why.NOT_UTF8;
    }

    /**
     * For a token call, which wants the answer itself: a redirect is refused, not followed.
     *
     * @throws Failed if {@code reply} is a redirect
     */
    static Reply notRedirected(Reply reply) throws Failed {
      if (reply.status() >= 300 && reply.status() < 400) {
        throw new Failed(
            Why.REDIRECT, "is a redirect (" + reply.status() + "), which Foyer does not follow");
      }
      return reply;
    }
  }

  /**
   * The one way Foyer calls a provider, for its own calls and for the libraries' (the code exchange
   * of nimbus, the token calls of scribejava): the target checked ({@link #checkTarget}), the
   * identifying headers, redirects not followed (a 3xx is answered as it came), the whole answer
   * (headers and body) within the read timeout, and at most {@link #maxResponseBytes} read.
   *
   * @param method the HTTP method
   * @param headers the request's headers; the identifying ones are Foyer's, whatever these say
   * @param body the request body, or {@code null} for none
   * @throws Failed if no whole answer came within the limits
   */
  public Reply exchange(String method, URI uri, Map<String, List<String>> headers, byte[] body)
      throws Failed {
    checkTarget(uri);
    var request =
        HttpRequest.newBuilder(uri)
            .timeout(readTimeout)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    var identifying = headers();
    headers.forEach(
        (name, values) -> {
          if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))
              && identifying.keySet().stream().noneMatch(name::equalsIgnoreCase)) {
            values.forEach(value -> request.header(name, value));
          }
        });
    identifying.forEach(request::setHeader);
    var answer = client.sendAsync(request.build(), info -> new CappedBody(maxResponseBytes));
    HttpResponse<byte[]> response;
    try {
      response = answer.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      answer.cancel(true);
      throw new Failed(
          Failed.Why.TIMEOUT, "did not come whole within " + readTimeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TooLarge) {
        throw new Failed(Failed.Why.TOO_LARGE, "is larger than " + maxResponseBytes + " bytes");
      }
      if (e.getCause() instanceof java.net.http.HttpTimeoutException) {
        throw new Failed(
            Failed.Why.TIMEOUT, "did not come within " + readTimeout.toMillis() + " ms");
      }
      throw new Failed(
          Failed.Why.UNREACHABLE,
          "did not come: the provider could not be reached ("
              + e.getCause().getClass().getSimpleName()
              + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer.cancel(true);
      throw new Failed(Failed.Why.UNREACHABLE, "did not come: the call was stopped");
    }
    return new Reply(response.statusCode(), response.headers().map(), response.body());
  }

  /** Headers the JDK's client sets itself and refuses from callers. */
  private static final java.util.Set<String> RESTRICTED =
      java.util.Set.of("connection", "content-length", "expect", "host", "upgrade");

  /**
   * Refuses an address Foyer must never call on a provider's behalf: anything but {@code https}
   * (plain {@code http} only to loopback, and only with {@code foyer.federation.allow-loopback});
   * link-local, multicast and unspecified addresses (cloud metadata services live at
   * 169.254.169.254); loopback unless allowed (development and tests). Private addresses are
   * allowed: an intranet's identity provider lives there.
   */
  public void checkTarget(URI uri) {
    var host = uri.getHost();
    var scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (host == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw refusedTarget(uri, "not an absolute http(s) URL");
    }
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new GatewayProblem(
          FederationProblem.USER_INFO_UNREACHABLE,
          "The identity provider's host " + host + " could not be resolved.");
    }
    for (var address : addresses) {
      if (address.isLinkLocalAddress()
          || address.isAnyLocalAddress()
          || address.isMulticastAddress()) {
        throw refusedTarget(uri, "its host is a link-local or special address");
      }
      if (address.isLoopbackAddress() && !allowLoopback) {
        throw refusedTarget(
            uri, "its host is this machine (allowed only with foyer.federation.allow-loopback)");
      }
      if (scheme.equals("http") && !address.isLoopbackAddress()) {
        throw refusedTarget(uri, "it is plain http");
      }
    }
  }

  private static GatewayProblem refusedTarget(URI uri, String why) {
    return new GatewayProblem(
        FederationProblem.INVALID_PROVIDER_URL,
        "Foyer does not call " + uri.getScheme() + "://" + uri.getHost() + ": " + why + ".");
  }

  /** The cap was reached: the rest of the body is not read. */
  private static final class TooLarge extends IOException {
    TooLarge() {
      super("answer larger than the cap", null);
    }
  }

  /** Collects a body up to a cap; past it, cancels the subscription and fails. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int cap;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    CappedBody(int cap) {
      this.cap = cap;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (var buffer : buffers) {
        if (out.size() + buffer.remaining() > cap) {
          subscription.cancel();
          result.completeExceptionally(new TooLarge());
          return;
        }
        var bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        out.write(bytes, 0, bytes.length);
      }
    }

    @Override
    public void onError(Throwable throwable) {
      result.completeExceptionally(throwable);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }
  }

  /**
   * A JSON object from an answer's body: not JSON is {@code DEO1}, JSON but not an object {@code
   * DEO2}.
   */
  public static JsonObject jsonObject(String body) {
    JsonValue value;
    try (var reader = Json.createReader(new StringReader(body))) {
      value = reader.readValue();
    } catch (jakarta.json.JsonException e) {
      throw new GatewayProblem(
          FederationProblem.USER_INFO_NOT_JSON, "The identity provider's user info is not JSON.");
    }
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new GatewayProblem(
          FederationProblem.USER_INFO_NOT_OBJECT,
          "The identity provider's user info is JSON but not an object.");
    }
    return value.asJsonObject();
  }
}
