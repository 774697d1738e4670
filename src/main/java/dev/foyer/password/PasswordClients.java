package dev.foyer.password;

import dev.foyer.doors.DoorClients;
import dev.foyer.signin.entity.Door;
import java.util.Optional;
import org.pac4j.core.client.DirectClient;

/** {@code POST /auth/password} (form fields account, email, password) as a pac4j direct client. */
public final class PasswordClients {
  private PasswordClients() {}

  public static DirectClient password(PasswordAuthenticator authenticator) {
    return DoorClients.direct(
        Door.PASSWORD,
        request -> Optional.of(new PasswordAuthenticator.Login(
            request.getParameter("account"), request.getParameter("email"), request.getParameter("password"))),
        (request, login) -> authenticator.authenticate(login));
  }
}
