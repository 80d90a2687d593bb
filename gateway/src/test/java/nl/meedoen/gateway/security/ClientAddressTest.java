package nl.meedoen.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private final ClientAddress xff =
            new ClientAddress(List.of("10.244.0.0/16", "192.0.2.7", "fd00::/8"), "X-Forwarded-For");
    private final ClientAddress forwarded = new ClientAddress(List.of("10.244.0.0/16"), "Forwarded");

    @Test
    void anUntrustedPeerIsTheClientWhateverItClaims() {
        assertEquals("203.0.113.9", xff.resolve("203.0.113.9", List.of("198.51.100.1")));
        assertEquals("10.245.0.1", xff.resolve("10.245.0.1", List.of("198.51.100.1")));
    }

    @Test
    void behindTrustedProxiesTheRightMostUntrustedEntryIsTheClient() {
        // The tenant wrote 6.6.6.6 itself; our ingress (10.244.1.5) appended the address it saw.
        assertEquals("198.51.100.1", xff.resolve("10.244.1.5", List.of("6.6.6.6, 198.51.100.1")));
        // A chain of trusted proxies is skipped, across header lines too.
        assertEquals(
                "198.51.100.1", xff.resolve("10.244.1.5", List.of("6.6.6.6, 198.51.100.1", "192.0.2.7, 10.244.9.9")));
        // A fresh left-most entry changes nothing.
        assertEquals("198.51.100.1", xff.resolve("10.244.1.5", List.of("7.7.7.7, 6.6.6.6, 198.51.100.1")));
    }

    @Test
    void aTrustedPeerWithoutHeaderOrWithOnlyTrustedEntries() {
        assertEquals("10.244.1.5", xff.resolve("10.244.1.5", List.of()));
        assertEquals("10.244.3.3", xff.resolve("10.244.1.5", List.of("10.244.3.3")));
    }

    @Test
    void garbageStopsTheWalkAtTheLastTrustedHop() {
        assertEquals("10.244.2.2", xff.resolve("10.244.1.5", List.of("198.51.100.1, unknown, 10.244.2.2")));
        assertEquals("10.244.1.5", xff.resolve("10.244.1.5", List.of("evil.example")));
    }

    @Test
    void portsBracketsAndIpv6AreUnderstoodAndCanonical() {
        assertEquals("198.51.100.1", xff.resolve("10.244.1.5", List.of("198.51.100.1:4711")));
        assertEquals("2001:db8:0:0:0:0:0:1", xff.resolve("10.244.1.5", List.of("[2001:DB8::1]:443")));
        assertEquals("2001:db8:0:0:0:0:0:1", xff.resolve("fd00::5", List.of("2001:db8::1")));
        assertEquals("2001:db8:0:0:0:0:0:1", xff.resolve("2001:db8::1", List.of("198.51.100.1")));
    }

    @Test
    void rfc7239ForwardedIsReadFromTheRightToo() {
        assertEquals(
                "198.51.100.1",
                forwarded.resolve(
                        "10.244.1.5", List.of("for=6.6.6.6;proto=https, for=\"198.51.100.1:1234\";by=10.244.1.5")));
        assertEquals("2001:db8:0:0:0:0:0:1", forwarded.resolve("10.244.1.5", List.of("For=\"[2001:db8::1]:80\"")));
        assertEquals("10.244.1.5", forwarded.resolve("10.244.1.5", List.of("for=_hidden")));
    }

    @Test
    void ipv6ClientsShareABucketPerSlash64() {
        assertEquals("2001:db8:1:2::/64", ClientAddress.bucket("2001:db8:1:2:aaaa::1"));
        assertEquals(ClientAddress.bucket("2001:db8:1:2::1"), ClientAddress.bucket("2001:db8:1:2:ffff:ffff:ffff:ffff"));
        assertEquals("198.51.100.1", ClientAddress.bucket("198.51.100.1"));
    }

    @Test
    void badConfigurationStopsStartUp() {
        assertThrows(
                IllegalArgumentException.class, () -> new ClientAddress(List.of("ingress.local"), "X-Forwarded-For"));
        assertThrows(
                IllegalArgumentException.class, () -> new ClientAddress(List.of("10.0.0.0/33"), "X-Forwarded-For"));
        assertThrows(IllegalArgumentException.class, () -> new ClientAddress(List.of(), "X-Real-IP"));
    }
}
