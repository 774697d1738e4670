package dev.foyer.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where an attempt comes from, as the throttle counts it: an IPv4 address as it is, an IPv6 address
 * by its /64 prefix (one subscriber usually gets a whole /64 and could otherwise change address for
 * every guess). It is the servlet's remote address: behind a proxy or load balancer that is the
 * proxy's, unless the server is set up to take the client's from forwarded headers.
 */
public record ClientAddress(String key) {
  // Only IP literals are parsed: InetAddress.getByName would look a host name up in DNS.
  private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

  public static ClientAddress of(String remoteAddress) {
    if (remoteAddress == null || remoteAddress.isBlank()) {
      return new ClientAddress("unknown");
    }
    var address = remoteAddress.strip();
    var literal = address.replace("[", "").replace("]", "").replaceAll("%.*", "");
    if (literal.indexOf(':') >= 0 && IPV6_LITERAL.matcher(literal).matches()) {
      try {
        // In brackets, an invalid literal throws instead of being looked up as a host name.
        var parsed = InetAddress.getByName("[" + literal + "]");
        if (parsed instanceof Inet6Address) {
          var prefix = new byte[8];
          System.arraycopy(parsed.getAddress(), 0, prefix, 0, 8);
          return new ClientAddress(HexFormat.of().formatHex(prefix) + "::/64");
        }
        // An IPv4-mapped IPv6 address (::ffff:192.0.2.1) counts as the IPv4 address.
        return new ClientAddress(parsed.getHostAddress());
      } catch (UnknownHostException | IllegalArgumentException e) {
        return new ClientAddress(address.toLowerCase(Locale.ROOT));
      }
    }
    return new ClientAddress(address.toLowerCase(Locale.ROOT));
  }
}
