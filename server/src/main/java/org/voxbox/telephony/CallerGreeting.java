package org.voxbox.telephony;

import java.io.ByteArrayOutputStream;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.voxbox.directory.Person;
import org.voxbox.mailbox.Greetings;
import org.voxbox.media.G711;

/**
 * What a caller hears before the tone: the owner's own busy or no-answer greeting when they recorded one and
 * use it, else the system greeting in the owner's language — "<recorded name, or 'Extension 4 7 2 1'> is not
 * available" (or "is on the phone" when the PBX said busy), "please leave a message after the tone".
 */
@Component
class CallerGreeting {

	private final Prompts prompts;

	private final Greetings greetings;

	CallerGreeting(Prompts prompts, Greetings greetings) {
		this.prompts = prompts;
		this.greetings = greetings;
	}

	byte[] of(Person owner, boolean busy, G711 law) {
		Optional<byte[]> custom = greetings.active(owner.id(), busy ? Greetings.Kind.BUSY : Greetings.Kind.NO_ANSWER);
		if (custom.isPresent()) {
			return CallAudio.inLaw(custom.get(), law);
		}
		return system(owner, busy, law);
	}

	/** The system greeting, with the owner's recorded name when there is one. */
	byte[] system(Person owner, boolean busy, G711 law) {
		Locale language = owner.language();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Optional<byte[]> name = greetings.active(owner.id(), Greetings.Kind.NAME);
		if (name.isPresent()) {
			out.writeBytes(CallAudio.inLaw(name.get(), law));
		}
		else {
			String digits = owner.extension() != null ? owner.extension()
					: owner.phoneE164() != null ? owner.phoneE164().substring(1) : "";
			if (!digits.isEmpty()) {
				out.writeBytes(prompts.get(language, "extension", law));
				out.writeBytes(prompts.say(language, Spoken.digits(digits), law));
			}
		}
		out.writeBytes(prompts.get(language, busy ? "busy" : "not_available", law));
		out.writeBytes(prompts.get(language, "leave_message", law));
		return out.toByteArray();
	}
}
