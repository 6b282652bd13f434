package org.voxbox.pin;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * PIN settings ({@code voxbox.pin.*}).
 *
 * @param defaultHistoryDepth system default of the history depth (0–50)
 * @param governmentHistoryDepth system default of the history depth for government organisations (0–50)
 * @param pepper hex key for the HMAC applied before hashing; every node of a cluster needs the same one. When
 * empty, a key is generated once into the data directory ({@code pin-pepper}, owner-only)
 * @param hashMemoryKib Argon2id memory in KiB (at least 19456)
 * @param hashIterations Argon2id passes (at least 2)
 * @param hashThreads threads that may hash at once; more PIN work queues behind them
 * @param hashQueue PIN hashes that may wait; past this the API answers 429
 * @param checksPerMinute PIN checks (validate and set) per minute against one mailbox, by whoever makes them;
 * past this 429. Protects a mailbox from guessing
 * @param adminChecksPerMinute PIN checks per minute an administrator may make for other people (provisioning);
 * past this 429
 * @param submitsPerHour PIN submits (set) per hour against one mailbox; past this 429. Only a submit answers the
 * rules that need the stored PINs ({@code IN_HISTORY}, {@code REVERSE_OF_CURRENT})
 */
@ConfigurationProperties("voxbox.pin")
public record PinSettings(
		@DefaultValue("10") int defaultHistoryDepth,
		@DefaultValue("24") int governmentHistoryDepth,
		@Nullable String pepper,
		@DefaultValue("19456") int hashMemoryKib,
		@DefaultValue("2") int hashIterations,
		@DefaultValue("1") int hashThreads,
		@DefaultValue("64") int hashQueue,
		@DefaultValue("30") int checksPerMinute,
		@DefaultValue("600") int adminChecksPerMinute,
		@DefaultValue("10") int submitsPerHour) {

	public PinSettings {
		requireRange("default-history-depth", defaultHistoryDepth, 0, 50);
		requireRange("government-history-depth", governmentHistoryDepth, 0, 50);
		requireRange("hash-memory-kib", hashMemoryKib, 19456, 4 * 1024 * 1024);
		requireRange("hash-iterations", hashIterations, 2, 100);
		requireRange("hash-threads", hashThreads, 1, 64);
		requireRange("hash-queue", hashQueue, 1, 100_000);
		requireRange("checks-per-minute", checksPerMinute, 1, 100_000);
		requireRange("admin-checks-per-minute", adminChecksPerMinute, 1, 100_000);
		requireRange("submits-per-hour", submitsPerHour, 1, 100_000);
		if (pepper != null && !pepper.isEmpty() && !pepper.matches("([0-9a-fA-F]{2}){16,}")) {
			throw new IllegalArgumentException("voxbox.pin.pepper must be at least 32 hex digits");
		}
	}

	private static void requireRange(String name, int value, int min, int max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException("voxbox.pin." + name + " must be " + min + "–" + max + ": " + value);
		}
	}
}
