package dev.foyer.members.entity;

/**
 * A member's standing in a space (seeds 001/003). What a sign-in through SSO or a signed link does
 * to each is {@link #onSignIn()}: the organisation vouches for the person, so invitations and
 * pending requests are settled and people who left come back; deactivation and rejection are
 * decisions of the space's administrators and stand.
 */
public enum MemberStatus {
  INVITED,
  PENDING,
  ACTIVE,
  DECLINED,
  REJECTED,
  DEACTIVATED,
  LEFT;

  public boolean refusesSignIn() {
    return this == REJECTED || this == DEACTIVATED;
  }

  public MemberStatus onSignIn() {
    return refusesSignIn() ? this : ACTIVE;
  }
}
