package org.voxbox.telephony;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * A set of IP networks in CIDR notation ({@code 10.0.0.0/8}, {@code ::1/128}), matched against addresses. Only
 * IP literals are accepted (a host name is refused when the settings are read), so nothing is ever resolved.
 */
final class Networks {

	private record Cidr(byte[] network, int bits) {

		boolean contains(byte[] address) {
			if (address.length != network.length) {
				return false;
			}
			BigInteger mask = BigInteger.ONE.shiftLeft(address.length * 8).subtract(BigInteger.ONE)
				.shiftRight(bits).not();
			return new BigInteger(1, address).and(mask).equals(new BigInteger(1, network).and(mask));
		}
	}

	private final List<Cidr> cidrs;

	Networks(List<String> cidrs) {
		this.cidrs = cidrs.stream().map(Networks::parse).toList();
	}

	static Cidr parse(String cidr) {
		int slash = cidr.indexOf('/');
		String host = slash < 0 ? cidr : cidr.substring(0, slash);
		if (!host.matches("[0-9a-fA-F.:]+")) {
			throw new IllegalArgumentException("not an IP network (CIDR): " + cidr);
		}
		try {
			byte[] address = InetAddress.getByName(host).getAddress();
			int bits = slash < 0 ? address.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
			if (bits < 0 || bits > address.length * 8) {
				throw new IllegalArgumentException("prefix length out of range: " + cidr);
			}
			return new Cidr(address, bits);
		}
		catch (UnknownHostException | NumberFormatException ex) {
			throw new IllegalArgumentException("not an IP network (CIDR): " + cidr, ex);
		}
	}

	/** Whether {@code address} (a transport source address: never a name, so never a DNS lookup) is inside. */
	boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		return cidrs.stream().anyMatch(c -> c.contains(bytes));
	}
}
