package dev.foyer;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
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
}
