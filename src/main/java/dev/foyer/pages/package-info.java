/**
 * The participant's pages: a space's landing page ("Hello, Sue!" and the events they can join), an
 * event page showing the name they appear under in the chat. Ways to sign in on the landing page
 * come from the doors ({@link dev.foyer.pages.SignInOptions}), never from here. Pages are plain
 * server-rendered HTML; every value that came from a participant or an administrator goes through
 * {@link dev.foyer.web.Html#escape}.
 */
package dev.foyer.pages;
