package dev.foyer.doors;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Runs a door's filter only on the door's own paths. Servlet URL patterns cannot say {@code
 * /spot/{spaceId}/sso/jwt}; the door filters are mapped to {@code /spot/*} through this.
 */
public class PathScopedFilter extends HttpFilter {
  private final Pattern path;
  private final Filter delegate;

  public PathScopedFilter(Pattern path, Filter delegate) {
    this.path = path;
    this.delegate = delegate;
  }

  @Override
  public void init(FilterConfig config) throws ServletException {
    super.init(config);
    delegate.init(config);
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (path.matcher(normalized(request)).matches()) {
      delegate.doFilter(request, response, chain);
    } else {
      chain.doFilter(request, response);
    }
  }

  /** The path as JAX-RS routes it: no matrix parameters, no trailing slash. */
  public static String normalized(HttpServletRequest request) {
    var path =
        request
            .getRequestURI()
            .substring(request.getContextPath().length())
            .replaceAll(";[^/]*", "");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  @Override
  public void destroy() {
    delegate.destroy();
  }
}
