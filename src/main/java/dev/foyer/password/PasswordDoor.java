package dev.foyer.password;

import dev.foyer.doors.Door;
import dev.foyer.doors.DoorClients;
import dev.foyer.doors.DoorEndpoint;
import dev.foyer.members.control.Passwords;
import dev.foyer.problems.GatewayProblem;
import dev.foyer.problems.ProblemCode;
import dev.foyer.problems.ProblemCodes;
import dev.foyer.signin.control.DoorAttempt;
import dev.foyer.web.ClientAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /auth/password} (form fields account, email, password) as a pac4j direct client. The
 * servlet merges query and body parameters, query first; a request naming any of the fields in its
 * query string is refused, so the credentials used are always the body's and never sit in an
 * address.
 */
@ApplicationScoped
public class PasswordDoor implements Door, ProblemCodes {
  @Inject PasswordAuthenticator authenticator;

  @Override
  public List<DoorEndpoint> endpoints() {
    var client =
        DoorClients.direct(
            Passwords.LOGIN_PROVIDER,
            request -> {
              DoorAttempt.provider(request, Passwords.LOGIN_PROVIDER);
              if (CredentialsInQuery.named(request.getQueryString())) {
                throw new GatewayProblem(
                    PasswordProblem.CREDENTIALS_IN_QUERY,
                    "Send account, email and password in the form body only: an address ends up"
                        + " in logs and histories. Nothing in this request was used.");
              }
              // With none of them in the query, the servlet's parameters are the body's.
              return Optional.of(
                  new PasswordAuthenticator.Login(
                      request.getParameter("account"),
                      request.getParameter("email"),
                      request.getParameter("password"),
                      ClientAddress.of(request.getRemoteAddr())));
            },
            (request, login) -> authenticator.authenticate(login));
    return List.of(
        DoorEndpoint.at(
            Passwords.LOGIN_PROVIDER, client, "/auth/password", Set.of("POST"), DoorEndpoint.FORM));
  }

  @Override
  public List<? extends ProblemCode> codes() {
    return List.of(PasswordProblem.values());
  }
}
