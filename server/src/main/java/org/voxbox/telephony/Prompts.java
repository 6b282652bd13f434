package org.voxbox.telephony;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Component;
import org.voxbox.media.G711;
import org.voxbox.media.Wav;

/**
 * The phone prompts, English and Dutch, from {@code classpath:prompts/<language>/<name>.wav} (made by
 * {@code prompts/generate.sh}, replaceable by recorded ones), held in memory as G.711 in both laws so a call
 * plays them without transcoding; and the beep before recording.
 */
@Component
class Prompts {

	static final List<String> NAMES = List.of("not_available", "busy", "extension", "leave_message", "mailbox_full",
			"enter_mailbox", "enter_pin", "wrong_pin", "locked", "you_have", "new_messages", "saved_messages",
			"goodbye", "main_menu", "message_menu", "no_more", "deleted", "saved", "new_pin", "repeat_pin", "pin_changed",
			"pin_not_accepted", "must_change_phone", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "received", "today",
			"yesterday", "at", "from", "private_number", "unknown_number", "am", "pm", "oh", "hundred", "thousand", "uur",
			"no_previous", "busy_greeting_menu", "no_answer_greeting_menu", "name_menu", "record_after_tone", "review",
			"greeting_saved", "name_saved", "system_greeting_on", "name_deleted", "nothing_recorded", "no_custom",
			"cancelled", "urgent", "new_message", "saved_message", "message_not_saved", "system_busy");

	static final List<Locale> LANGUAGES = List.of(Locale.ENGLISH, Locale.forLanguageTag("nl"));

	private final Map<String, Map<String, EnumMap<G711, byte[]>>> prompts = new HashMap<>();

	private final EnumMap<G711, byte[]> tone = new EnumMap<>(G711.class);

	Prompts() {
		List<String> names = new java.util.ArrayList<>(NAMES);
		names.addAll(Spoken.promptNames());
		for (org.voxbox.pinpolicy.PinRule rule : org.voxbox.pinpolicy.PinRule.values()) {
			names.add("rule_" + rule.name());
		}
		for (Locale language : LANGUAGES) {
			Map<String, EnumMap<G711, byte[]>> byName = new HashMap<>();
			for (String name : names) {
				byName.put(name, load(language.getLanguage(), name));
			}
			prompts.put(language.getLanguage(), byName);
		}
		short[] beep = new short[8000 * 400 / 1000];
		for (int i = 0; i < beep.length; i++) {
			beep[i] = (short) (Math.sin(2 * Math.PI * 1000 * i / 8000.0) * 8000);
		}
		for (G711 law : G711.values()) {
			byte[] encoded = new byte[beep.length];
			law.encode(beep, 0, encoded, 0, beep.length);
			tone.put(law, encoded);
		}
	}

	/** The prompt {@code name} in {@code language} (English when the language has none), as {@code law}. */
	byte[] get(Locale language, String name, G711 law) {
		Map<String, EnumMap<G711, byte[]>> byName = prompts.getOrDefault(language.getLanguage(), prompts.get("en"));
		EnumMap<G711, byte[]> audio = byName.get(name);
		if (audio == null) {
			throw new IllegalArgumentException("no prompt " + name);
		}
		return audio.get(law);
	}

	/** The prompts {@code names} one after another. */
	byte[] say(Locale language, List<String> names, G711 law) {
		java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
		for (String name : names) {
			out.writeBytes(get(language, name, law));
		}
		return out.toByteArray();
	}

	/** The 400 ms, 1 kHz beep after which recording starts. */
	byte[] tone(G711 law) {
		return tone.get(law);
	}

	private static EnumMap<G711, byte[]> load(String language, String name) {
		String path = "/prompts/" + language + "/" + name + ".wav";
		try (InputStream in = Prompts.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("missing prompt " + path + " (run prompts/generate.sh)");
			}
			Wav wav = Wav.parse(in.readAllBytes());
			byte[] data = wav.audioBytes();
			short[] pcm = switch (wav.encoding()) {
				case MULAW -> decode(G711.ULAW, data);
				case ALAW -> decode(G711.ALAW, data);
				case PCM_16 -> {
					short[] samples = new short[data.length / 2];
					for (int i = 0; i < samples.length; i++) {
						samples[i] = (short) ((data[2 * i] & 0xff) | (data[2 * i + 1] << 8));
					}
					yield samples;
				}
			};
			EnumMap<G711, byte[]> laws = new EnumMap<>(G711.class);
			for (G711 law : G711.values()) {
				boolean same = (law == G711.ULAW && wav.encoding() == Wav.Encoding.MULAW)
						|| (law == G711.ALAW && wav.encoding() == Wav.Encoding.ALAW);
				byte[] encoded = same ? data : new byte[pcm.length];
				if (!same) {
					law.encode(pcm, 0, encoded, 0, pcm.length);
				}
				laws.put(law, encoded);
			}
			return laws;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static short[] decode(G711 law, byte[] data) {
		short[] pcm = new short[data.length];
		law.decode(data, 0, pcm, 0, data.length);
		return pcm;
	}
}
