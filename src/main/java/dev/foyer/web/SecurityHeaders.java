package dev.foyer.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one place that sets the security headers of every answer the WAR gives, pages, problem pages
 * of the container's own refusals and API answers alike: a Content-Security-Policy that allows
 * nothing but Foyer's own origin and no framing, {@code X-Content-Type-Options: nosniff}, {@code
 * Referrer-Policy: no-referrer} (tokens and signed links travel in URLs, so a page must not hand
 * its address to the next site), and {@code Cache-Control: no-store} unless the answer sets its own
 * caching (only the static script and stylesheet do).
 *
 * <p>A page that a space's members may see inside a frame of one of the space's allowed origins
 * says so with {@link #frameableBy}; it then gets {@code frame-ancestors 'self' <origins>} and no
 * {@code X-Frame-Options}, which browsers without CSP would apply instead, so it could only refuse
 * what CSP allows. Everything else gets {@code frame-ancestors 'none'} and {@code X-Frame-Options:
 * DENY}.
 *
 * <p>The headers are written when the answer is about to be sent, not before the request runs:
 * whether a page may be framed is known only once the resource has found its space, and adding a
 * second policy afterwards would not replace the first (browsers enforce every policy they get).
 * The filter also runs for the container's error dispatch, so a 401 that MP-JWT refuses before any
 * filter runs still carries the headers.
 */
@ApplicationScoped
public class SecurityHeaders {
  static final String CSP = "Content-Security-Policy";
  static final String POLICY = "default-src 'self'; base-uri 'none'; form-action 'self'";
  private static final String FRAME_ANCESTORS = SecurityHeaders.class.getName() + ".frameAncestors";
  private static final String FORM_ACTION = SecurityHeaders.class.getName() + ".formAction";

  /** What a space's allowed origin looks like (spaces.boundary checks it when it is stored). */
  private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.-]+(:[0-9]{1,5})?");

  void register(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
    // Before every filter the doors register, so their own refusals carry the headers too.
    context
        .addFilter("security-headers", new Filter())
        .addMappingForUrlPatterns(
            EnumSet.of(DispatcherType.REQUEST, DispatcherType.ERROR), false, "/*");
  }

  /**
   * Lets this request's answer be shown in a frame of Foyer itself and of {@code origins} (a
   * space's allowed origins). Call it as soon as the space is known, so a refusal after that point
   * can be shown in the frame too.
   */
  public static void frameableBy(ServletRequest request, Collection<String> origins) {
    request.setAttribute(
        FRAME_ANCESTORS, origins.stream().filter(o -> ORIGIN.matcher(o).matches()).toList());
  }

  /**
   * Lets this request's page post its form to {@code origin} as well as to Foyer (a SAML request
   * posted to the identity provider). The origin is an identity provider's, from its metadata.
   */
  public static void formActionTo(ServletRequest request, String origin) {
    if (ORIGIN.matcher(origin).matches()) {
      request.setAttribute(FORM_ACTION, origin);
    }
  }

  /** The Content-Security-Policy for an answer framed by {@code ancestors} (empty: nobody). */
  static String policy(List<String> ancestors) {
    return policy(ancestors, null);
  }

  static String policy(List<String> ancestors, String formAction) {
    return (formAction == null ? POLICY : POLICY + " " + formAction)
        + "; frame-ancestors "
        + (ancestors == null
            ? "'none'"
            : Stream.concat(Stream.of("'self'"), ancestors.stream())
                .collect(Collectors.joining(" ")));
  }

  static final class Filter extends HttpFilter {
    @Override
    protected void doFilter(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      var withHeaders = new WithHeaders(request, response);
      try {
        chain.doFilter(request, withHeaders);
      } finally {
        // An answer without a body (a redirect, 204) may never ask for its output stream.
        withHeaders.apply();
      }
    }
  }

  /** The response, with the headers added the moment it starts to be written. */
  static final class WithHeaders extends HttpServletResponseWrapper {
    private final HttpServletRequest request;
    private boolean applied;

    WithHeaders(HttpServletRequest request, HttpServletResponse response) {
      super(response);
      this.request = request;
    }

    void apply() {
      // Once only; on an answer already sent the servlet container ignores headers anyway.
      if (applied) {
        return;
      }
      applied = true;
      @SuppressWarnings("unchecked")
      var ancestors = (List<String>) request.getAttribute(FRAME_ANCESTORS);
      setHeader(CSP, policy(ancestors, (String) request.getAttribute(FORM_ACTION)));
      if (ancestors == null) {
        setHeader("X-Frame-Options", "DENY");
      } else if (ancestors.isEmpty()) {
        setHeader("X-Frame-Options", "SAMEORIGIN");
      }
      setHeader("X-Content-Type-Options", "nosniff");
      setHeader("Referrer-Policy", "no-referrer");
      if (!containsHeader("Cache-Control")) {
        setHeader("Cache-Control", "no-store");
      }
    }

    /** A reset clears every header, so they are set again when the answer is written anew. */
    @Override
    public void reset() {
      super.reset();
      applied = false;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
      apply();
      return super.getOutputStream();
    }

    @Override
    public PrintWriter getWriter() throws IOException {
      apply();
      return super.getWriter();
    }

    @Override
    public void flushBuffer() throws IOException {
      apply();
      super.flushBuffer();
    }

    @Override
    public void sendError(int status) throws IOException {
      apply();
      super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      apply();
      super.sendError(status, message);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
      apply();
      super.sendRedirect(location);
    }
  }
}
