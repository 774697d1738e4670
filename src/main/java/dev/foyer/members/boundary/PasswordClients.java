package dev.foyer.members.boundary;

import dev.foyer.signin.entity.Door;
import java.util.Optional;
import org.pac4j.core.client.DirectClient;
import org.pac4j.core.credentials.UsernamePasswordCredentials;
import org.pac4j.jee.context.JEEContext;

/** {@code POST /auth/password} (form fields account, email, password) as a pac4j direct client. */
public final class PasswordClients {
  private PasswordClients() {}

  public static DirectClient password(PasswordAuthenticator authenticator) {
    var client = new DirectClient() {
      @Override
      protected void internalInit(boolean forceReinit) {}
    };
    client.setName(Door.PASSWORD.alias());
    client.setCredentialsExtractor(ctx -> {
      var request = ((JEEContext) ctx.webContext()).getNativeRequest();
      return Optional.of(new UsernamePasswordCredentials(request.getParameter("email"), request.getParameter("password")));
    });
    client.setAuthenticator((ctx, credentials) -> {
      var request = ((JEEContext) ctx.webContext()).getNativeRequest();
      var login = (UsernamePasswordCredentials) credentials;
      credentials.setUserProfile(authenticator.authenticate(request.getParameter("account"), login.getUsername(), login.getPassword()));
      return Optional.of(credentials);
    });
    return client;
  }
}
