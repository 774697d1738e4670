package dev.foyer.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * An identity provider's endpoint that misbehaves as a test tells it to, on loopback in the test
 * JVM (the JDK's {@code com.sun.net.httpserver}): each path answers what the test set with {@link
 * #answer}; a path under a prefix set with {@link #proxy} is passed on to a real provider (as a
 * reverse proxy would, so that provider names itself after this peer) unless the test set an answer
 * for it. Unset paths answer 404. Start one per test class, close it in {@code @AfterAll}.
 */
public final class FaultyPeer implements AutoCloseable {
  /** What one path answers. */
  @FunctionalInterface
  public interface Answer {
    void send(HttpExchange exchange) throws IOException;
  }

  private static final Set<String> HOP_BY_HOP =
      Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade", "expect");

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final Map<String, String> upstreams = new ConcurrentHashMap<>();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  // Released on close, so that hanging answers end with the test class.
  private final CountDownLatch closed = new CountDownLatch(1);

  private FaultyPeer(HttpServer server) {
    this.server = server;
  }

  public static FaultyPeer start() {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var peer = new FaultyPeer(server);
    server.setExecutor(peer.executor);
    server.createContext("/", peer::handle);
    server.start();
    return peer;
  }

  /**
   * {@code http://127.0.0.1:<port>} plus the path: an address where nothing listens (a port bound
   * and released at once), for "the provider cannot be reached".
   */
  public static String nobodyListensAt(String path) {
    return "http://127.0.0.1:" + Processes.freeLoopbackPort() + path;
  }

  /** {@code http://127.0.0.1:<port>} plus the path. */
  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  public void answer(String path, Answer answer) {
    answers.put(path, answer);
  }

  /**
   * Passes every request under {@code prefix} (the path and query as they came) to {@code upstream}
   * + the same path, with {@code X-Forwarded-Proto}/{@code X-Forwarded-Port} naming this peer, so a
   * provider that honours them (mock-oauth2-server does) issues tokens and discovery documents in
   * this peer's name.
   */
  public void proxy(String prefix, String upstream) {
    upstreams.put(prefix, upstream);
  }

  /** The status and a body of that content type. */
  public static Answer body(int status, String contentType, byte[] body) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      try (var out = exchange.getResponseBody()) {
        out.write(body);
      }
    };
  }

  public static Answer json(int status, String json) {
    return body(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  /** Keeps the connection open without answering, for {@code wait} (or until closed). */
  public Answer silence(Duration wait) {
    return exchange -> {
      pause(wait);
      json(200, "{}").send(exchange);
    };
  }

  /**
   * Sends 200 and the start of a JSON body at once, then nothing more for {@code wait}, then the
   * rest: the headers arrive in time, the body does not.
   */
  public Answer stalledBody(Duration wait) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      try (var out = exchange.getResponseBody()) {
        out.write("{\"id\":".getBytes(StandardCharsets.UTF_8));
        out.flush();
        pause(wait);
        out.write("\"late\"}".getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  /**
   * Sends 200 and then the body a byte at a time, three a second, for {@code wait} (JSON
   * whitespace, then {@code {}}): every read brings something, so only a deadline on the whole call
   * ends it before.
   */
  public Answer trickle(Duration wait) {
    return exchange -> {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, 0);
      var until = System.nanoTime() + wait.toNanos();
      try (var out = exchange.getResponseBody()) {
        while (System.nanoTime() < until && closed.getCount() > 0) {
          out.write(' ');
          out.flush();
          pause(Duration.ofMillis(333));
        }
        out.write("{}".getBytes(StandardCharsets.UTF_8));
      }
    };
  }

  /** A redirect to {@code location}, as a provider moved elsewhere would answer. */
  public static Answer redirect(int status, String location) {
    return exchange -> {
      exchange.getResponseHeaders().set("Location", location);
      exchange.sendResponseHeaders(status, -1);
    };
  }

  /**
   * The real provider's answer for this request with its JSON body changed by {@code edit} (a
   * discovery document naming another user info endpoint, say).
   */
  public Answer edited(String upstream, UnaryOperator<String> edit) {
    return exchange -> {
      var answer = forward(exchange, upstream);
      json(answer.statusCode(), edit.apply(new String(answer.body(), StandardCharsets.UTF_8)))
          .send(exchange);
    };
  }

  private void pause(Duration wait) {
    try {
      closed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      var path = exchange.getRequestURI().getPath();
      var answer = answers.get(path);
      if (answer != null) {
        answer.send(exchange);
        return;
      }
      var upstream =
          upstreams.entrySet().stream()
              .filter(entry -> path.startsWith(entry.getKey()))
              .map(Map.Entry::getValue)
              .findFirst();
      if (upstream.isPresent()) {
        var answered = forward(exchange, upstream.get());
        answered
            .headers()
            .map()
            .forEach(
                (name, values) -> {
                  if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(value -> exchange.getResponseHeaders().add(name, value));
                  }
                });
        var bytes = answered.body();
        exchange.sendResponseHeaders(answered.statusCode(), bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
        return;
      }
      json(404, "{\"error\":\"not_found\"}").send(exchange);
    } catch (IOException | RuntimeException e) {
      // The caller gave up (a timeout, as the test wanted): nothing to answer anymore.
    }
  }

  private HttpResponse<byte[]> forward(HttpExchange exchange, String upstream) throws IOException {
    var body = exchange.getRequestBody().readAllBytes();
    var request =
        HttpRequest.newBuilder(URI.create(upstream + exchange.getRequestURI().toString()))
            .timeout(Duration.ofSeconds(10))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body))
            .header("X-Forwarded-Proto", "http")
            .header("X-Forwarded-Port", Integer.toString(server.getAddress().getPort()));
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
              }
            });
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
