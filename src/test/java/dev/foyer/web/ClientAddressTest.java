package dev.foyer.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientAddressTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "192.0.2.1, 192.0.2.1",
    "127.0.0.1, 127.0.0.1",
    "2001:db8:1:2:3:4:5:6, 20010db800010002::/64",
    "2001:db8:1:2:ffff::9, 20010db800010002::/64",
    "[2001:db8:1:2::1], 20010db800010002::/64",
    "fe80::1%eth0, fe80000000000000::/64",
    "0:0:0:0:0:0:0:1, 0000000000000000::/64",
    "::ffff:192.0.2.1, 192.0.2.1",
    "proxy.example.com, proxy.example.com",
    "'', unknown"
  })
  void countsAnIpv6AddressByItsSlash64(String remote, String key) {
    assertThat(ClientAddress.of(remote).key()).isEqualTo(key);
  }
}
