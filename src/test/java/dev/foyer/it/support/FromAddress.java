package dev.foyer.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Requests from a loopback address of the test's own (127.x.y.z, never 127.0.0.1), so that a test
 * can lock "its" client address without locking out every other test, which all come from
 * 127.0.0.1, and show that a limit of one address leaves another alone. Linux routes the whole
 * 127.0.0.0/8 to the loopback interface, so a socket bound to 127.8.9.10 reaches the server on
 * 127.0.0.1 and the server sees 127.8.9.10 as the remote address. Java 17's HttpClient cannot
 * choose its source address, hence HTTP/1.1 by hand: one request per connection ({@code Connection:
 * close}), the answer read to the end.
 */
public final class FromAddress {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final FoyerServer server;
  private final InetAddress source;

  private FromAddress(FoyerServer server, InetAddress source) {
    this.server = server;
    this.source = source;
  }

  /** A fresh random loopback address no other test uses. */
  public static FromAddress fresh(FoyerServer server) {
    var bytes =
        new byte[] {
          127,
          (byte) (1 + RANDOM.nextInt(254)),
          (byte) RANDOM.nextInt(256),
          (byte) (1 + RANDOM.nextInt(254))
        };
    try {
      return new FromAddress(server, InetAddress.getByAddress(bytes));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  public String address() {
    return source.getHostAddress();
  }

  /** A password sign-in asking for problem+json. */
  public Answer signIn(String slug, String email, String password) {
    return post(
        "/auth/password",
        "application/json",
        "account",
        slug,
        "email",
        email,
        "password",
        password);
  }

  /** A GET asking for {@code accept}. */
  public Answer get(String path, String accept) {
    return exchange("GET", path, "Accept: " + accept + "\r\n", new byte[0]);
  }

  /** A form post of URL-encoded name/value pairs. */
  public Answer post(String path, String accept, String... nameValuePairs) {
    var fields = new ArrayList<String>();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      fields.add(encode(nameValuePairs[i]) + "=" + encode(nameValuePairs[i + 1]));
    }
    var body = String.join("&", fields).getBytes(StandardCharsets.UTF_8);
    return exchange(
        "POST",
        path,
        "Accept: "
            + accept
            + "\r\n"
            + "Content-Type: application/x-www-form-urlencoded\r\n"
            + "Content-Length: "
            + body.length
            + "\r\n",
        body);
  }

  private Answer exchange(String method, String path, String headers, byte[] body) {
    var target = server.baseUri();
    var head =
        method
            + " "
            + path
            + " HTTP/1.1\r\n"
            + "Host: "
            + target.getHost()
            + ":"
            + target.getPort()
            + "\r\n"
            + headers
            + "Connection: close\r\n\r\n";
    try (var socket = new Socket()) {
      socket.setSoTimeout(120_000);
      socket.bind(new InetSocketAddress(source, 0));
      socket.connect(new InetSocketAddress(target.getHost(), target.getPort()), 10_000);
      var out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.ISO_8859_1));
      out.write(body);
      out.flush();
      return Answer.parse(socket.getInputStream().readAllBytes(), address());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " from " + address(), e);
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** A parsed HTTP/1.1 answer; header names in lower case. */
  public record Answer(int status, Map<String, List<String>> headers, String body, String from) {
    static Answer parse(byte[] raw, String from) {
      var text = new String(raw, StandardCharsets.ISO_8859_1);
      int end = text.indexOf("\r\n\r\n");
      assertThat(end).as("an HTTP answer to %s: %s", from, text).isPositive();
      var lines = text.substring(0, end).split("\r\n");
      var status = Integer.parseInt(lines[0].split(" ")[1]);
      var headers = new LinkedHashMap<String, List<String>>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        headers
            .computeIfAbsent(
                lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                name -> new ArrayList<>())
            .add(lines[i].substring(colon + 1).strip());
      }
      var bodyBytes = java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
      if (headers.getOrDefault("transfer-encoding", List.of()).contains("chunked")) {
        bodyBytes = dechunk(bodyBytes);
      }
      return new Answer(status, headers, new String(bodyBytes, StandardCharsets.UTF_8), from);
    }

    private static byte[] dechunk(byte[] chunked) {
      var out = new ByteArrayOutputStream();
      int at = 0;
      while (at < chunked.length) {
        int lineEnd = at;
        while (lineEnd + 1 < chunked.length
            && !(chunked[lineEnd] == '\r' && chunked[lineEnd + 1] == '\n')) {
          lineEnd++;
        }
        var sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
        int size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
        if (size == 0) {
          break;
        }
        out.write(chunked, lineEnd + 2, size);
        at = lineEnd + 2 + size + 2;
      }
      return out.toByteArray();
    }

    public Optional<String> header(String name) {
      var values = headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
      return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public JsonNode json() {
      return Json.parse(body);
    }

    /** The problem's code, or "" for an answer that is not problem+json. */
    public String code() {
      return header("Content-Type").orElse("").startsWith("application/problem+json")
          ? json().path("code").asText()
          : "";
    }

    @Override
    public String toString() {
      return "from %s: %d %s %s"
          .formatted(from, status, headers, body.length() > 600 ? body.substring(0, 600) : body);
    }
  }
}
