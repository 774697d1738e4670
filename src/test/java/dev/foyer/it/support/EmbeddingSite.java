package dev.foyer.it.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A customer's site on a loopback port of its own (its own origin, {@code http://127.0.0.1:<port>})
 * serving the pages a test publishes, e.g. one that embeds Foyer in an iframe. Close it when done.
 */
public final class EmbeddingSite implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, String> pages = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();

  private EmbeddingSite(HttpServer server) {
    this.server = server;
  }

  public static EmbeddingSite start() {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var site = new EmbeddingSite(server);
    server.createContext(
        "/",
        exchange -> {
          var page = site.pages.get(exchange.getRequestURI().getPath());
          var body = (page == null ? "not found" : page).getBytes(StandardCharsets.UTF_8);
          exchange
              .getResponseHeaders()
              .set("Content-Type", page == null ? "text/plain" : "text/html;charset=utf-8");
          exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
          try (var out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    return site;
  }

  /** {@code http://127.0.0.1:<port>}: what a space lists in {@code allowedOrigins}. */
  public String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /**
   * Publishes a page that shows {@code src} in an iframe with id {@code foyer}, which marks itself
   * {@code data-loaded="yes"} once loaded; returns the page's URL. {@code head} goes into the
   * page's head (e.g. a referrer policy).
   */
  public String framing(String src, String head) {
    var path = "/page-" + next.incrementAndGet();
    pages.put(
        path,
        """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>Customer portal</title>%s</head>
        <body><h1>Customer portal</h1>
        <iframe id="foyer" src="%s" width="800" height="600"
                onload="this.setAttribute('data-loaded', 'yes')"></iframe>
        </body></html>
        """
            .formatted(head, src.replace("&", "&amp;").replace("\"", "&quot;")));
    return origin() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
