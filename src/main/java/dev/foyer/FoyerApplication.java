package dev.foyer;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import java.util.Map;
import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Everything is served from the context root so the seeds' URLs ({@code /auth/uri}) hold as
 * written. {@code @ApplicationScoped} is what makes MP-JWT injection work under annotated bean
 * discovery on Payara.
 */
@ApplicationPath("/")
@ApplicationScoped
@LoginConfig(authMethod = "MP-JWT", realmName = "foyer")
@DeclareRoles({FoyerApplication.ADMIN_ROLE, FoyerApplication.SPACE_ADMIN_ROLE})
public class FoyerApplication extends Application {
  public static final String ADMIN_ROLE = "foyer-admin";
  public static final String SPACE_ADMIN_ROLE = "foyer-space-admin";

  /**
   * Jersey (Payara) would describe every resource at {@code /application.wadl} and answer {@code
   * OPTIONS} with that description; the API is documented at {@code /openapi}, and nothing else
   * needs a map of it. A plain property, so no Jersey type is imported; RESTEasy (WildFly) has no
   * WADL unless its module is added and ignores the key.
   */
  @Override
  public Map<String, Object> getProperties() {
    return Map.of("jersey.config.server.wadl.disableWadl", true);
  }
}
