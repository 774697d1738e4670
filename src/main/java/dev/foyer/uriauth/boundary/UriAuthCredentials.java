package dev.foyer.uriauth.boundary;

import dev.foyer.uriauth.control.UriAuthRequest;
import java.io.Serial;
import org.pac4j.core.credentials.Credentials;

/** A checked URI Auth request, as pac4j credentials. toString hides it: pac4j logs credentials. */
class UriAuthCredentials extends Credentials {
  @Serial private static final long serialVersionUID = 1L;

  final transient UriAuthRequest request;
  final String origin;

  UriAuthCredentials(UriAuthRequest request, String origin) {
    this.request = request;
    this.origin = origin;
  }

  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "UriAuthCredentials[account=" + request.account() + "]";
  }
}
