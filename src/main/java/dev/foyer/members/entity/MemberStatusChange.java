package dev.foyer.members.entity;

/**
 * An administrator's decision about a member's standing, as the rest of the spine hears of it.
 * Fired synchronously inside the transaction that changed the status, so whatever an observer
 * writes commits or rolls back with the status itself.
 */
public record MemberStatusChange(Member member, MemberStatus from, MemberStatus to) {

  /**
   * Into a status that refuses sign-in: the member's sessions must not outlive the decision. Out of
   * one: a session that slipped past the decision (a sign-in racing it) must not come back to life
   * with the member, so reactivation starts from no session at all.
   */
  public boolean endsSessions() {
    return to.refusesSignIn() || from.refusesSignIn();
  }
}
