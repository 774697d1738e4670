package dev.foyer.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsInQueryTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "email=a@example.test",
        "password=x",
        "account=acme",
        "password",
        "utm=1&password=",
        "%65mail=a@example.test",
        "e%6Dail=a",
        "pass%77ord=x",
        "x=1&&account=acme",
        "%zz=1"
      })
  void findsAFieldHoweverItsNameIsEncoded(String query) {
    assertThat(CredentialsInQuery.named(query)).isTrue();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {"utm_source=mail", "emails=1", "Password=x", "x=email", "eventid=welcome"})
  void letsOtherParametersBe(String query) {
    assertThat(CredentialsInQuery.named(query)).isFalse();
  }
}
