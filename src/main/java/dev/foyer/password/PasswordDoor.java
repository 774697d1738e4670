package dev.foyer.password;

import dev.foyer.doors.Door;
import dev.foyer.doors.DoorClients;
import dev.foyer.doors.DoorEndpoint;
import dev.foyer.members.control.Passwords;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code POST /auth/password} (form fields account, email, password) as a pac4j direct client. */
@ApplicationScoped
public class PasswordDoor implements Door {
  @Inject PasswordAuthenticator authenticator;

  @Override
  public List<DoorEndpoint> endpoints() {
    var client =
        DoorClients.direct(
            Passwords.LOGIN_PROVIDER,
            request ->
                Optional.of(
                    new PasswordAuthenticator.Login(
                        request.getParameter("account"),
                        request.getParameter("email"),
                        request.getParameter("password"))),
            (request, login) -> authenticator.authenticate(login));
    return List.of(
        DoorEndpoint.at(
            Passwords.LOGIN_PROVIDER, client, "/auth/password", Set.of("POST"), DoorEndpoint.FORM));
  }
}
