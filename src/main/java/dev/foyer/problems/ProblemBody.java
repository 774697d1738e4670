package dev.foyer.problems;

import dev.foyer.secrets.Randomness;
import dev.foyer.web.Html;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.util.Locale;

/**
 * What a refused caller sees. Browsers (an Accept header preferring HTML) get a page that says what
 * went wrong and shows the code; everyone else gets {@code application/problem+json}. The {@code
 * instance} id is logged with the cause, so support can find it without the caller ever seeing
 * internals.
 */
public record ProblemBody(int status, String contentType, String text, URI instance) {
  static final System.Logger LOGGER = System.getLogger(ProblemBody.class.getName());
  private static final Jsonb JSONB = JsonbBuilder.create();

  public static ProblemBody of(GatewayProblem problem, String acceptHeader) {
    var type = problem.type();
    var instance = URI.create("urn:uuid:" + Randomness.uuid());
    LOGGER.log(
        type.status() >= 500 ? System.Logger.Level.ERROR : System.Logger.Level.DEBUG,
        () -> instance + " " + type.code() + ": " + problem.getMessage(),
        type.status() >= 500 ? problem : null);
    if (prefersHtml(acceptHeader)) {
      return new ProblemBody(
          type.status(),
          "text/html;charset=UTF-8",
          page(type, problem.getMessage(), instance),
          instance);
    }
    var json =
        withExtensions(JSONB.toJson(Problem.of(type, problem.getMessage(), instance)), problem);
    return new ProblemBody(type.status(), "application/problem+json", json, instance);
  }

  private static String withExtensions(String json, GatewayProblem problem) {
    if (problem.extensions().isEmpty()) {
      return json;
    }
    try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(json))) {
      var body = jakarta.json.Json.createObjectBuilder(reader.readObject());
      problem
          .extensions()
          .forEach(
              (name, value) -> {
                if (value instanceof Boolean flag) {
                  body.add(name, flag);
                } else {
                  body.add(name, String.valueOf(value));
                }
              });
      return body.build().toString();
    }
  }

  /**
   * Whether the Accept header ranks HTML above JSON (RFC 9110 §12.5.1 quality values). HTML counts
   * only when named ({@code text/html} or {@code text/*}); JSON also through {@code application/*}
   * and {@code *}{@code /*}, so API clients sending {@code *}{@code /*} get problem+json and
   * browsers (which name text/html first) get a page. A tie goes to whichever is listed first.
   */
  static boolean prefersHtml(String accept) {
    if (accept == null) {
      return false;
    }
    double html = 0;
    double json = 0;
    int htmlAt = Integer.MAX_VALUE;
    int jsonAt = Integer.MAX_VALUE;
    var ranges = accept.toLowerCase(Locale.ROOT).split(",");
    for (int i = 0; i < ranges.length; i++) {
      var parts = ranges[i].split(";");
      var type = parts[0].strip();
      double q = 1;
      for (int p = 1; p < parts.length; p++) {
        var parameter = parts[p].strip();
        if (parameter.startsWith("q=")) {
          try {
            q = Double.parseDouble(parameter.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if ((type.equals("text/html") || type.equals("text/*")) && q > html) {
        html = q;
        htmlAt = Math.min(htmlAt, i);
      }
      if ((type.endsWith("json") || type.equals("application/*") || type.equals("*/*"))
          && q > json) {
        json = q;
        jsonAt = Math.min(jsonAt, i);
      }
    }
    return html > 0 && (html > json || (html == json && htmlAt < jsonAt));
  }

  private static String page(ProblemCode type, String detail, URI instance) {
    return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>%s</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <link rel="stylesheet" href="/foyer.css"></head>
        <body><main>
        <h1>%s</h1>
        <p>%s</p>
        <p>Error code <code class="error-code">%s</code> (HTTP %d). If you ask for help, quote this reference: <code>%s</code>.</p>
        </main></body></html>
        """
        .formatted(
            Html.escape(type.title()),
            Html.escape(type.title()),
            Html.escape(detail),
            Html.escape(type.code()),
            type.status(),
            Html.escape(instance.toString()));
  }
}
