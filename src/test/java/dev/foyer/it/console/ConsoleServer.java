package dev.foyer.it.console;

import dev.foyer.it.support.FoyerServer;
import dev.foyer.it.support.KeycloakServer;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The Foyer that operators sign in to at Keycloak: one more Payara Micro beside the shared one,
 * configured with {@code foyer.console.oidc.*} (MP Config, read at boot, so the shared server,
 * started before Keycloak, cannot be). Started once per run for the console's tests, stopped at the
 * end of the run. Tests get it as a parameter.
 */
public final class ConsoleServer implements ParameterResolver {
  private static final String KEY = ConsoleServer.class.getName();

  private final FoyerServer server;

  public ConsoleServer() {
    this(null);
  }

  private ConsoleServer(FoyerServer server) {
    this.server = server;
  }

  /** The console's Foyer. */
  public FoyerServer server() {
    return server;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == ConsoleServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    var running =
        context
            .getRoot()
            .getStore(Namespace.GLOBAL)
            .getOrComputeIfAbsent(KEY, key -> start(context), Running.class);
    return new ConsoleServer(running.extra.server());
  }

  private static Running start(ExtensionContext context) {
    var keycloak = KeycloakServer.shared(context);
    var client = keycloak.client("foyer-console");
    return new Running(
        FoyerServer.shared(context)
            .startExtra(
                "console",
                Map.of(
                    "foyer.console.oidc.issuer", keycloak.issuer(),
                    "foyer.console.oidc.client-id", client.id(),
                    "foyer.console.oidc.client-secret", client.secret())));
  }

  private record Running(FoyerServer.Extra extra) implements CloseableResource {
    @Override
    public void close() {
      extra.close();
    }
  }
}
