package nl.meedoen.gateway.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who the client is, for the per-IP rate limits and for the services. The TCP peer is the client unless it
 * is one of our trusted proxies; then the forwarding header is read from the right (each proxy appends the
 * address it saw), skipping trusted proxies: the first address that is not one is the client. Entries left
 * of it were written by the client itself and are never looked at, so a fresh left-most entry buys no new
 * rate-limit bucket. Quarkus' {@code quarkus.http.proxy.*} takes the left-most entry, hence this class.
 */
public final class ClientAddress {

    private static final Pattern IPV4 =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final List<Cidr> trusted;
    private final boolean rfc7239;

    private record Cidr(byte[] network, int bits) {
        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int i = 0, left = bits; left > 0; i++, left -= 8) {
                int mask = left >= 8 ? 0xff : 0xff << (8 - left) & 0xff;
                if ((a[i] & mask) != (network[i] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * @param trustedProxies addresses or CIDRs ({@code 10.244.0.0/16}, {@code fd00::/8}, {@code 127.0.0.1})
     * @param header         {@code X-Forwarded-For} or {@code Forwarded} (RFC 7239): the one our proxies write
     */
    public ClientAddress(List<String> trustedProxies, String header) {
        List<Cidr> cidrs = new ArrayList<>();
        for (String entry : trustedProxies) {
            String[] parts = entry.trim().split("/", 2);
            InetAddress network = literal(parts[0]);
            if (network == null) {
                throw new IllegalArgumentException("meedoen.gateway.trusted-proxies: not an address or CIDR: " + entry);
            }
            int max = network.getAddress().length * 8;
            int bits = parts.length == 2 ? Integer.parseInt(parts[1]) : max;
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("meedoen.gateway.trusted-proxies: bad prefix length: " + entry);
            }
            cidrs.add(new Cidr(network.getAddress(), bits));
        }
        if (!header.equalsIgnoreCase("X-Forwarded-For") && !header.equalsIgnoreCase("Forwarded")) {
            throw new IllegalArgumentException(
                    "meedoen.gateway.client-address-header must be X-Forwarded-For or Forwarded: " + header);
        }
        this.trusted = List.copyOf(cidrs);
        this.rfc7239 = header.equalsIgnoreCase("Forwarded");
    }

    public String header() {
        return rfc7239 ? "Forwarded" : "X-Forwarded-For";
    }

    boolean trusts(InetAddress address) {
        return trusted.stream().anyMatch(c -> c.contains(address));
    }

    /**
     * @param peer         the TCP peer's address
     * @param headerValues every value of {@link #header()}, in the order received
     * @return the client's address in canonical form ({@code peer} itself when that is no address)
     */
    public String resolve(String peer, List<String> headerValues) {
        InetAddress client = peer == null ? null : literal(peer);
        if (client == null) {
            return peer == null ? "unknown" : peer;
        }
        if (trusts(client)) {
            List<String> hops = new ArrayList<>();
            for (String value : headerValues) {
                hops.addAll(split(value));
            }
            for (int i = hops.size() - 1; i >= 0; i--) {
                InetAddress hop = literal(rfc7239 ? forValue(hops.get(i)) : hops.get(i));
                if (hop == null) {
                    break; // "unknown", obfuscated or garbage: the last proxy we trust is as far as we can see
                }
                client = hop;
                if (!trusts(hop)) {
                    break;
                }
            }
        }
        return client.getHostAddress();
    }

    /**
     * The rate-limit key for a resolved address: IPv4 as it is, IPv6 by its /64, the block one subscriber
     * gets (any address in it is theirs, so counting addresses one by one would hand out buckets freely).
     */
    public static String bucket(String address) {
        InetAddress parsed = literal(address);
        if (!(parsed instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = parsed.getAddress();
        StringBuilder prefix = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            prefix.append(Integer.toHexString((bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff))
                    .append(':');
        }
        return prefix.append(":/64").toString();
    }

    /** Splits a header value at commas outside quoted strings. */
    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (char c : value.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                parts.add(current.toString().trim());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString().trim());
        return parts;
    }

    /** The {@code for=} node of one RFC 7239 element, unquoted, or null. */
    private static String forValue(String element) {
        for (String pair : element.split(";")) {
            String p = pair.trim();
            if (p.regionMatches(true, 0, "for=", 0, 4)) {
                String v = p.substring(4).trim();
                return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
            }
        }
        return null;
    }

    /**
     * An IP literal, optionally bracketed and/or with a port ({@code [2001:db8::1]:4711}, {@code 192.0.2.1:80}),
     * or null. Only literals reach {@link InetAddress#getByName}, so this never does a DNS lookup.
     */
    static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                return null;
            }
            s = s.substring(1, end);
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            s = s.substring(0, s.indexOf(':')); // IPv4 with a port
        }
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
