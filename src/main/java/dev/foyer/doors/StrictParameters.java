package dev.foyer.doors;

import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemType;
import dev.foyer.web.FormEncoding;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A door's request with its parameters decoded by {@link FormEncoding} instead of the container:
 * the query string, then a form body, merged in that order as the servlet API merges them. A
 * malformed escape or bytes that are not UTF-8 refuse the request ({@code ENC1}) before a door sees
 * it; the container would have dropped the parameter or put U+FFFD in a name. The body, read here
 * (the guard has bounded it), is replayed to whatever reads the stream afterwards.
 */
final class StrictParameters extends HttpServletRequestWrapper {
  private final Map<String, String[]> parameters;
  private final byte[] body;

  private StrictParameters(
      HttpServletRequest request, Map<String, String[]> parameters, byte[] body) {
    super(request);
    this.parameters = parameters;
    this.body = body;
  }

  static HttpServletRequest of(HttpServletRequest request, int maxBody) throws IOException {
    var merged = new LinkedHashMap<String, List<String>>();
    byte[] body = null;
    try {
      FormEncoding.parseQuery(request.getQueryString())
          .forEach(
              (name, values) ->
                  merged.computeIfAbsent(name, n -> new java.util.ArrayList<>()).addAll(values));
      if (isForm(request)) {
        // Not closed: the container owns the request's stream.
        body = request.getInputStream().readNBytes(maxBody + 1);
        FormEncoding.parse(body)
            .forEach(
                (name, values) ->
                    merged.computeIfAbsent(name, n -> new java.util.ArrayList<>()).addAll(values));
      }
    } catch (FormEncoding.MalformedException e) {
      throw new GatewayProblem(ProblemType.MALFORMED_ENCODING, e.getMessage());
    }
    var parameters = new LinkedHashMap<String, String[]>();
    merged.forEach((name, values) -> parameters.put(name, values.toArray(String[]::new)));
    return new StrictParameters(request, Collections.unmodifiableMap(parameters), body);
  }

  private static boolean isForm(HttpServletRequest request) {
    var type = request.getContentType();
    return request.getMethod().equals("POST")
        && type != null
        && type.toLowerCase(Locale.ROOT).startsWith(DoorEndpoint.FORM);
  }

  @Override
  public String getParameter(String name) {
    var values = parameters.get(name);
    return values == null || values.length == 0 ? null : values[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return parameters;
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters.keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    var values = parameters.get(name);
    return values == null ? null : values.clone();
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    if (body == null) {
      return super.getInputStream();
    }
    var in = new ByteArrayInputStream(body);
    return new ServletInputStream() {
      @Override
      public int read() {
        return in.read();
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        return in.read(buffer, offset, length);
      }

      @Override
      public boolean isFinished() {
        return in.available() == 0;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        throw new IllegalStateException("the body was read already");
      }
    };
  }

  @Override
  public BufferedReader getReader() throws IOException {
    if (body == null) {
      return super.getReader();
    }
    return new BufferedReader(
        new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8));
  }
}
