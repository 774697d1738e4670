package dev.foyer.platform;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.URI;
import java.util.Locale;
import java.util.UUID;

/**
 * What a refused caller sees. Browsers (an Accept header preferring HTML) get a page that says
 * what went wrong and shows the code; everyone else gets {@code application/problem+json}. The
 * {@code instance} id is logged with the cause, so support can find it without the caller ever
 * seeing internals.
 */
public record ProblemBody(int status, String contentType, String text, URI instance) {
  static final System.Logger LOGGER = System.getLogger(ProblemBody.class.getName());
  private static final Jsonb JSONB = JsonbBuilder.create();

  public static ProblemBody of(GatewayProblem problem, String acceptHeader) {
    var type = problem.type();
    var instance = URI.create("urn:uuid:" + UUID.randomUUID());
    LOGGER.log(
        type.status() >= 500 ? System.Logger.Level.ERROR : System.Logger.Level.DEBUG,
        () -> instance + " " + type.code() + ": " + problem.getMessage(),
        type.status() >= 500 ? problem : null);
    if (prefersHtml(acceptHeader)) {
      return new ProblemBody(type.status(), "text/html;charset=UTF-8", page(type, problem.getMessage(), instance), instance);
    }
    var json = JSONB.toJson(Problem.of(type, problem.getMessage(), instance));
    return new ProblemBody(type.status(), "application/problem+json", json, instance);
  }

  static boolean prefersHtml(String accept) {
    if (accept == null) {
      return false;
    }
    var lower = accept.toLowerCase(Locale.ROOT);
    int html = lower.indexOf("text/html");
    if (html < 0) {
      return false;
    }
    int json = lower.indexOf("json");
    return json < 0 || html < json;
  }

  private static String page(ProblemType type, String detail, URI instance) {
    return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>%s</title>
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}
        code{background:#f3f3f3;padding:.1rem .3rem}</style></head>
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
