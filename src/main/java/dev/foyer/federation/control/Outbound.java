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
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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

  /** {@code host:port} of an HTTP proxy for every call to identity providers; none if empty. */
  @Inject
  @ConfigProperty(name = "foyer.federation.proxy")
  Optional<String> proxy;

  private HttpClient client;

  @PostConstruct
  void build() {
    var builder =
        HttpClient.newBuilder()
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER);
    proxy
        .filter(p -> !p.isBlank())
        .ifPresent(
            p -> {
              var colon = p.lastIndexOf(':');
              builder.proxy(
                  ProxySelector.of(
                      new InetSocketAddress(
                          p.substring(0, colon), Integer.parseInt(p.substring(colon + 1)))));
            });
    client = builder.build();
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
   * A GET with the given extra headers. Failing to reach the provider, or its whole answer (headers
   * and body) not arriving within the read timeout, is {@code TO1}; an answer larger than the cap,
   * cut short or not UTF-8 is {@code RR1}.
   */
  public Answer get(URI uri, Map<String, String> extraHeaders) {
    var request = HttpRequest.newBuilder(uri).timeout(readTimeout).GET();
    headers().forEach(request::header);
    request.header("Accept", "application/json");
    extraHeaders.forEach(request::header);
    // The request timeout ends when the headers arrive; a provider that then stalls its body would
    // hold the request thread for good (seen: a body paused 40 s was waited for, then accepted).
    // So the whole answer must arrive within the read timeout, and cancelling aborts the exchange.
    var pending = client.sendAsync(request.build(), info -> new CappedBody(maxResponseBytes));
    HttpResponse<byte[]> response;
    try {
      response = pending.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw notInTime();
    } catch (ExecutionException e) {
      throw failed(e.getCause());
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new GatewayProblem(
          FederationProblem.USER_INFO_UNREACHABLE, "The call to the identity provider stopped.");
    }
    return new Answer(response.statusCode(), utf8(response.body()));
  }

  private GatewayProblem notInTime() {
    return new GatewayProblem(
        FederationProblem.USER_INFO_UNREACHABLE,
        "The identity provider did not answer within " + readTimeout.toSeconds() + " s.");
  }

  private GatewayProblem failed(Throwable error) {
    // The client may wrap the body's own exception: the innermost one of ours tells.
    var cause = error;
    for (var c = error; c != null; c = c.getCause()) {
      if (c instanceof TooLarge || c instanceof BodyFailed || c instanceof HttpTimeoutException) {
        cause = c;
        break;
      }
    }
    if (cause instanceof TooLarge) {
      return new GatewayProblem(
          FederationProblem.RESPONSE_UNREADABLE,
          "The identity provider's answer is larger than " + maxResponseBytes + " bytes.");
    }
    if (cause instanceof BodyFailed) {
      return new GatewayProblem(
          FederationProblem.RESPONSE_UNREADABLE,
          "The identity provider's answer could not be read to its end.");
    }
    if (cause instanceof HttpTimeoutException) {
      return notInTime();
    }
    return new GatewayProblem(
        FederationProblem.USER_INFO_UNREACHABLE,
        "The identity provider could not be reached ("
            + (cause == null ? "no reason" : cause.getClass().getSimpleName())
            + ").");
  }

  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new GatewayProblem(
          FederationProblem.RESPONSE_UNREADABLE, "The identity provider's answer is not UTF-8.");
    }
  }

  /** The body more than the cap allows; the rest is not read. */
  private static final class TooLarge extends IOException {
    TooLarge() {
      super("larger than the cap");
    }
  }

  /** The connection failed while the body was read (after the headers). */
  private static final class BodyFailed extends IOException {
    BodyFailed(Throwable cause) {
      super("body cut short", cause);
    }
  }

  /** Collects the body up to the cap; beyond it, cancels the exchange and fails with TooLarge. */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int cap;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    CappedBody(int cap) {
      this.cap = cap;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      this.subscription = subscription;
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (var buffer : buffers) {
        if (body.isDone()) {
          return;
        }
        if ((long) out.size() + buffer.remaining() > cap) {
          subscription.cancel();
          body.completeExceptionally(new TooLarge());
          return;
        }
        var bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        out.writeBytes(bytes);
      }
    }

    @Override
    public void onError(Throwable error) {
      body.completeExceptionally(new BodyFailed(error));
    }

    @Override
    public void onComplete() {
      body.complete(out.toByteArray());
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
