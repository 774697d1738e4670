package dev.foyer.pages;

import dev.foyer.problems.ProblemCode;
import dev.foyer.problems.ProblemCodes;
import dev.foyer.problems.ProblemType;
import dev.foyer.web.Html;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every refusal code Foyer answers with, its status and what it means: the page each problem's
 * {@code type} ({@code /errors#code}) points at, and where the console and the Test Integration
 * report link a code to. The spine's codes and every door's (each door lists its own).
 */
@Path("errors")
public class ErrorCodesResource {
  @Inject Instance<ProblemCodes> features;

  /** One code as the JSON list shows it. */
  public record CodeView(String code, int status, String title) {}

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public List<CodeView> list() {
    return codes().stream().map(c -> new CodeView(c.code(), c.status(), c.title())).toList();
  }

  @GET
  @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
  public String page() {
    var rows =
        codes().stream()
            .map(
                code ->
                    "<tr id=\"%s\"><td><code>%s</code></td><td>%d</td><td>%s</td></tr>"
                        .formatted(
                            Html.escape(code.code().toLowerCase(Locale.ROOT)),
                            Html.escape(code.code()),
                            code.status(),
                            Html.escape(code.title())))
            .collect(Collectors.joining("\n"));
    return Html.page(
        "Foyer's error codes",
        """
        <h1>Error codes</h1>
        <p>Every refusal Foyer answers with carries one of these codes, on its error page and in \
        its <code>application/problem+json</code> body. The README explains each in full.</p>
        <table><thead><tr><th scope="col">Code</th><th scope="col">Status</th>\
        <th scope="col">Meaning</th></tr></thead><tbody>
        %s
        </tbody></table>
        """
            .formatted(rows));
  }

  private List<ProblemCode> codes() {
    var byCode = new TreeMap<String, ProblemCode>();
    Stream.concat(
            Arrays.stream(ProblemType.values()),
            features.stream().flatMap(feature -> feature.codes().stream()))
        .forEach(code -> byCode.putIfAbsent(code.code(), code));
    return byCode.values().stream().sorted(Comparator.comparing(ProblemCode::code)).toList();
  }
}
