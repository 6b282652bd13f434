package org.voxbox.media;

import java.util.Objects;

/**
 * Decides, frame by frame, whether a caller is silent, and how long they have been: used to
 * end a recording after a stretch of silence and to trim it.
 *
 * <p>A frame is silent when its RMS level is below the threshold, in dBFS relative to a
 * 16-bit full scale of 32768 (a full-scale sine measures about −3 dBFS; G.711 idle codes,
 * {@code 0xFF} µ-law and {@code 0xD5} A-law, measure −∞ and −72 dBFS). Frames are G.711 codes
 * at 8 kHz, so each byte is 0.125 ms; 20 ms frames are 160 bytes.
 *
 * <p>Not thread-safe: one detector per call, fed from one thread. Does not allocate.
 */
public final class SilenceDetector {

	/** The threshold when none is given, in dBFS. */
	public static final double DEFAULT_THRESHOLD_DBFS = -45.0;

	private static final double FULL_SCALE = 32768.0;

	/** The square of each code's sample value, per law: a frame's energy is then a sum of table entries. */
	private static final long[][] SQUARES = new long[G711.values().length][256];

	static {
		for (G711 law : G711.values()) {
			for (int code = 0; code < 256; code++) {
				long sample = law.decode((byte) code);
				SQUARES[law.ordinal()][code] = sample * sample;
			}
		}
	}

	private final G711 law;
	private final double thresholdDbfs;
	/** The mean square sample value at the threshold. */
	private final double thresholdMeanSquare;
	private long silentSamples;
	private double lastLevelDbfs = Double.NEGATIVE_INFINITY;

	/** A detector with the default threshold of {@value #DEFAULT_THRESHOLD_DBFS} dBFS. */
	public SilenceDetector(G711 law) {
		this(law, DEFAULT_THRESHOLD_DBFS);
	}

	/**
	 * @param thresholdDbfs frames quieter than this are silent; from −96 to 0 dBFS
	 * @throws IllegalArgumentException if out of range or not a number
	 */
	public SilenceDetector(G711 law, double thresholdDbfs) {
		this.law = Objects.requireNonNull(law, "law");
		if (!(thresholdDbfs >= -96.0 && thresholdDbfs <= 0.0)) {
			throw new IllegalArgumentException("thresholdDbfs must be -96 to 0: " + thresholdDbfs);
		}
		this.thresholdDbfs = thresholdDbfs;
		double rms = FULL_SCALE * Math.pow(10.0, thresholdDbfs / 20.0);
		this.thresholdMeanSquare = rms * rms;
	}

	/**
	 * Measures one frame of G.711 codes and updates the silent run: a silent frame extends it,
	 * any other frame ends it. An empty frame changes nothing and counts as silent.
	 *
	 * @return whether the frame is silent
	 * @throws IndexOutOfBoundsException if the range does not fit {@code frame}
	 */
	public boolean offer(byte[] frame, int offset, int length) {
		Objects.checkFromIndexSize(offset, length, frame.length);
		if (length == 0) {
			return true;
		}
		long[] squares = SQUARES[law.ordinal()];
		long sumOfSquares = 0; // exact: at most 2^30 a sample
		for (int i = offset; i < offset + length; i++) {
			sumOfSquares += squares[frame[i] & 0xFF];
		}
		double meanSquare = (double) sumOfSquares / length;
		lastLevelDbfs = meanSquare == 0 ? Double.NEGATIVE_INFINITY
				: 10.0 * Math.log10(meanSquare / (FULL_SCALE * FULL_SCALE));
		boolean silent = meanSquare < thresholdMeanSquare;
		silentSamples = silent ? silentSamples + length : 0;
		return silent;
	}

	/** {@link #offer(byte[], int, int)} for a whole array. */
	public boolean offer(byte[] frame) {
		return offer(frame, 0, frame.length);
	}

	/** How long the current run of silent frames lasts, in milliseconds (0 after a loud frame). */
	public long silentMillis() {
		return silentSamples / 8;
	}

	/** The RMS level of the last frame offered in dBFS, −∞ for digital silence or before any frame. */
	public double lastLevelDbfs() {
		return lastLevelDbfs;
	}

	public double thresholdDbfs() {
		return thresholdDbfs;
	}

	/** Forgets the silent run, as at the start of a new recording. */
	public void reset() {
		silentSamples = 0;
		lastLevelDbfs = Double.NEGATIVE_INFINITY;
	}
}
